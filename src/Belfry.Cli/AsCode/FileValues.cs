using System.Text;
using System.Text.RegularExpressions;

namespace Belfry.Cli.AsCode;

/// <summary>
/// The values a <c>belfry.yaml</c> may take from outside, as Terraform's variables switch staging and production:
/// <c>${env:NAME}</c> from the environment of <c>belfry</c>, <c>${var.NAME}</c> from the <c>--values</c> file (a flat
/// YAML map), anywhere in a string; <c>$${</c> writes a literal <c>${</c>. A name that has no value is an error.
/// </summary>
internal sealed partial class FileValues(IReadOnlyDictionary<string, string> variables, string? valuesFile, Func<string, string?> environment)
{
    public string Substitute(string text, Func<string, Exception> fail)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fail);
        if (!text.Contains("${", StringComparison.Ordinal))
        {
            return text;
        }

        var result = new StringBuilder();
        var at = 0;
        foreach (Match match in Reference().Matches(text))
        {
            result.Append(text, at, match.Index - at);
            at = match.Index + match.Length;
            if (match.Groups["escape"].Success)
            {
                result.Append("${");
                continue;
            }

            var name = match.Groups["name"].Value;
            result.Append(match.Groups["source"].Value == "env:"
                ? environment(name) ?? throw fail($"${{env:{name}}}: the environment variable {name} is not set.")
                : variables.TryGetValue(name, out var value)
                    ? value
                    : throw fail(valuesFile is null
                        ? $"${{var.{name}}}: no values file given (--values=FILE)."
                        : $"${{var.{name}}}: {valuesFile} has no value named {name}."));
        }

        result.Append(text, at, text.Length - at);

        // A "${" that is no reference (a typo such as ${env.NAME}) is refused rather than sent as it is.
        return Reference().Replace(text, "").Contains("${", StringComparison.Ordinal)
            ? throw fail($"\"{text}\": a reference is ${{env:NAME}} or ${{var.NAME}} (write $${{ for a literal ${{).")
            : result.ToString();
    }

    [GeneratedRegex(@"(?<escape>\$\$\{)|\$\{(?<source>env:|var\.)(?<name>[A-Za-z_][A-Za-z0-9_]*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Reference();
}
