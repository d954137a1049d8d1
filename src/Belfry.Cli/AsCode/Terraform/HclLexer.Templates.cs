using System.Globalization;
using System.Text;

namespace Belfry.Cli.AsCode.Terraform;

/// <summary>Quoted strings, their escapes and interpolations, and heredocs.</summary>
internal sealed partial class HclLexer
{
    /// <summary>
    /// Reads template parts up to <paramref name="closing"/> (a quoted string, which may not span lines) or to
    /// <paramref name="end"/> (a heredoc's body), consuming the closing quote.
    /// </summary>
    private List<HclTemplatePart> Template(char? closing, int end, bool escapes)
    {
        var parts = new List<HclTemplatePart>();
        var literal = new StringBuilder();
        var literalStart = Here;
        while (true)
        {
            if (_at >= end || (closing is not null && Peek() == '\n'))
            {
                if (closing is null)
                {
                    break;
                }

                throw Error(Here, "unterminated string: a quoted string ends on its own line (use a heredoc for several lines).");
            }

            var c = Peek();
            if (c == closing)
            {
                Advance();
                break;
            }

            if (At("$${") || At("%%{"))
            {
                literal.Append(c).Append('{');
                Advance(3);
            }
            else if (At("${"))
            {
                if (literal.Length > 0)
                {
                    parts.Add(new HclTemplatePart(literal.ToString(), null, literalStart));
                    literal.Clear();
                }

                parts.Add(new HclTemplatePart(null, Interpolation(), Here));
                literalStart = Here;
            }
            else if (At("%{"))
            {
                throw Error(Here, "template directives (%{if …}, %{for …}) are not supported by belfry import terraform.");
            }
            else if (c == '\\' && escapes)
            {
                literal.Append(Escape());
            }
            else
            {
                literal.Append(c);
                Advance();
            }
        }

        if (literal.Length > 0)
        {
            parts.Add(new HclTemplatePart(literal.ToString(), null, literalStart));
        }

        return parts;
    }

    /// <summary>The tokens of one <c>${…}</c>, up to its matching brace; newlines inside it are not significant.</summary>
    private List<HclToken> Interpolation()
    {
        var opened = Here;
        Advance(2);
        if (Peek() == '~')
        {
            throw Error(Here, "strip markers (${~ … ~}) are not supported by belfry import terraform.");
        }

        var tokens = new List<HclToken>();
        var depth = 0;
        while (true)
        {
            var token = Next();
            if (token.Kind == HclTokenKind.End)
            {
                throw Error(opened, "unterminated interpolation: ${ without its closing }.");
            }

            if (token.Is("}") && depth == 0)
            {
                tokens.Add(new HclToken(HclTokenKind.End, "", token.Position, token.Start, token.Start));
                return tokens;
            }

            depth += token.Is("{") ? 1 : token.Is("}") ? -1 : 0;
            if (token.Kind != HclTokenKind.NewLine)
            {
                tokens.Add(token);
            }
        }
    }

    private string Escape()
    {
        var position = Here;
        var next = Peek(1);
        var (text, length) = next switch
        {
            'n' => ("\n", 2),
            'r' => ("\r", 2),
            't' => ("\t", 2),
            '"' => ("\"", 2),
            '\\' => ("\\", 2),
            'u' => (CodePoint(4), 6),
            'U' => (CodePoint(8), 10),
            _ => throw Error(position, $"invalid escape \\{next} in a string (\\n, \\r, \\t, \\\", \\\\, \\uNNNN and \\UNNNNNNNN are)."),
        };
        Advance(length);
        return text;

        string CodePoint(int digits) =>
            _at + 2 + digits <= source.Length &&
            int.TryParse(source.AsSpan(_at + 2, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code) &&
            code <= 0x10FFFF && code is < 0xD800 or > 0xDFFF
                ? char.ConvertFromUtf32(code)
                : throw Error(position, $"invalid escape: \\{next} takes {digits} hexadecimal digits of a Unicode code point.");
    }

    private HclToken Heredoc(FilePosition position, int start)
    {
        Advance(2);
        var indented = Peek() == '-';
        if (indented)
        {
            Advance();
        }

        var markerStart = _at;
        while (char.IsLetterOrDigit(Peek()) || Peek() == '_')
        {
            Advance();
        }

        var marker = source[markerStart.._at];
        if (Peek() == '\r')
        {
            Advance();
        }

        if (Peek() != '\n')
        {
            throw Error(Here, $"a heredoc's <<{marker} must end its line.");
        }

        Advance();
        var bodyStart = _at;
        var bodyEnd = bodyStart;
        while (true)
        {
            var lineEnd = source.IndexOf('\n', bodyEnd);
            var line = source[bodyEnd..(lineEnd < 0 ? source.Length : lineEnd)].TrimEnd('\r');
            if (line.Trim() == marker)
            {
                break;
            }

            if (lineEnd < 0)
            {
                throw Error(position, $"unterminated heredoc: no line {marker} closes <<{(indented ? "-" : "")}{marker}.");
            }

            bodyEnd = lineEnd + 1;
        }

        var parts = Template(closing: null, end: bodyEnd, escapes: false);
        Advance(source.IndexOf(marker, bodyEnd, StringComparison.Ordinal) + marker.Length - _at);
        var token = new HclToken(HclTokenKind.Template, source[start.._at], position, start, _at) { Parts = parts };
        return indented ? token with { Parts = HeredocIndent.Strip(parts, source[bodyStart..bodyEnd]) } : token;
    }
}
