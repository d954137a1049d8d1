namespace Belfry.Cli.AsCode.Terraform;

/// <summary>
/// Tokens of the HCL2 subset <c>belfry import terraform</c> reads: identifiers, numbers, quoted strings (escapes,
/// <c>${…}</c> interpolation, <c>$${</c> and <c>%%{</c>), heredocs (<c>&lt;&lt;EOT</c>, and <c>&lt;&lt;-EOT</c>, whose lines
/// lose their common indentation as Terraform's do), punctuation and operators, and newlines (which end an attribute);
/// comments (<c>#</c>, <c>//</c>, <c>/* */</c>) are skipped. Hand-written: no HCL library is on the package feed here.
/// </summary>
internal sealed partial class HclLexer(string file, string source)
{
    private static readonly string[] Operators = ["...", "==", "!=", "<=", ">=", "&&", "||", "=>"];
    private const string SingleCharacters = "{}[]()=,.:?+-*/%!<>~";
    private int _at;
    private long _line = 1;
    private long _column = 1;

    public List<HclToken> Lex()
    {
        var tokens = new List<HclToken>();
        HclToken token;
        do
        {
            token = Next();
            tokens.Add(token);
        }
        while (token.Kind != HclTokenKind.End);

        return tokens;
    }

    private FilePosition Here => new(_line, _column);

    private char Peek(int ahead = 0) => _at + ahead < source.Length ? source[_at + ahead] : '\0';

    private bool At(string text) => string.CompareOrdinal(source, _at, text, 0, text.Length) == 0;

    private void Advance(int count = 1)
    {
        for (var i = 0; i < count && _at < source.Length; i++, _at++)
        {
            if (source[_at] == '\n')
            {
                _line++;
                _column = 1;
            }
            else
            {
                _column++;
            }
        }
    }

    private TerraformFileException Error(FilePosition position, string problem) => new(file, position, problem);

    private HclToken Next()
    {
        SkipSpaceAndComments();
        var position = Here;
        var start = _at;
        var c = Peek();
        if (_at >= source.Length)
        {
            return new HclToken(HclTokenKind.End, "", position, start, start);
        }

        if (c == '\n')
        {
            Advance();
            return new HclToken(HclTokenKind.NewLine, "\n", position, start, _at);
        }

        if (char.IsLetter(c) || c == '_')
        {
            while (char.IsLetterOrDigit(Peek()) || Peek() is '_' or '-')
            {
                Advance();
            }

            return new HclToken(HclTokenKind.Identifier, source[start.._at], position, start, _at);
        }

        if (char.IsAsciiDigit(c))
        {
            return Number(position, start);
        }

        if (c == '"')
        {
            Advance();
            var parts = Template(closing: '"', end: source.Length, escapes: true);
            return new HclToken(HclTokenKind.Template, source[start.._at], position, start, _at) { Parts = parts };
        }

        if (At("<<") && (char.IsLetter(Peek(2)) || (Peek(2) == '-' && char.IsLetter(Peek(3)))))
        {
            return Heredoc(position, start);
        }

        if (Operators.FirstOrDefault(At) is { } op)
        {
            Advance(op.Length);
            return new HclToken(HclTokenKind.Punctuation, op, position, start, _at);
        }

        if (SingleCharacters.Contains(c, StringComparison.Ordinal))
        {
            Advance();
            return new HclToken(HclTokenKind.Punctuation, c.ToString(), position, start, _at);
        }

        throw Error(position, $"unexpected character '{c}'.");
    }

    private void SkipSpaceAndComments()
    {
        while (_at < source.Length)
        {
            if (Peek() is ' ' or '\t' or '\r')
            {
                Advance();
            }
            else if (Peek() == '#' || At("//"))
            {
                while (_at < source.Length && Peek() != '\n')
                {
                    Advance();
                }
            }
            else if (At("/*"))
            {
                var position = Here;
                var close = source.IndexOf("*/", _at + 2, StringComparison.Ordinal);
                if (close < 0)
                {
                    throw Error(position, "unterminated comment: /* without */.");
                }

                Advance(close + 2 - _at);
            }
            else
            {
                return;
            }
        }
    }

    private HclToken Number(FilePosition position, int start)
    {
        while (char.IsAsciiDigit(Peek()))
        {
            Advance();
        }

        if (Peek() == '.' && char.IsAsciiDigit(Peek(1)))
        {
            Advance();
            while (char.IsAsciiDigit(Peek()))
            {
                Advance();
            }
        }

        if (Peek() is 'e' or 'E' && (char.IsAsciiDigit(Peek(1)) || (Peek(1) is '+' or '-' && char.IsAsciiDigit(Peek(2)))))
        {
            Advance(2);
            while (char.IsAsciiDigit(Peek()))
            {
                Advance();
            }
        }

        return new HclToken(HclTokenKind.Number, source[start.._at], position, start, _at);
    }
}
