namespace Belfry.Cli.AsCode.Terraform;

/// <summary>
/// <c>&lt;&lt;-EOT</c>: every line loses the indentation its least indented line has, counting only lines with something
/// but whitespace on them (a blank line, or a line of fewer spaces, stays as it is), as Terraform's heredocs do.
/// </summary>
internal static class HeredocIndent
{
    public static List<HclTemplatePart> Strip(IReadOnlyList<HclTemplatePart> parts, string body)
    {
        var lines = body.Split('\n');
        var indent = lines.Where(l => !string.IsNullOrWhiteSpace(l)).Select(Leading).DefaultIfEmpty(0).Min();
        var result = new List<HclTemplatePart>();
        var atLineStart = true;
        foreach (var part in parts)
        {
            if (part.Literal is not { } literal)
            {
                result.Add(part);
                atLineStart = false;
                continue;
            }

            var stripped = string.Join('\n', literal.Split('\n').Select((line, i) =>
                (i > 0 || atLineStart) && Leading(line) >= indent ? line[indent..] : line));
            result.Add(part with { Literal = stripped });
            atLineStart = literal.EndsWith('\n');
        }

        return result;
    }

    private static int Leading(string line) => line.Length - line.TrimStart(' ', '\t').Length;
}
