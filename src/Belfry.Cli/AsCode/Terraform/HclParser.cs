using System.Globalization;
using System.Text.Json.Nodes;

namespace Belfry.Cli.AsCode.Terraform;

/// <summary>
/// Reads HCL2's native syntax into bodies of attributes and labelled blocks, and expressions: literals, templates,
/// lists, objects, references and function calls. What else an expression may hold (operators, conditionals,
/// <c>for</c>) is kept as <see cref="HclUnsupported"/>: the file still reads, and only using that value is an error.
/// </summary>
internal sealed partial class HclParser
{
    private readonly string _file;
    private readonly string _source;
    private readonly IReadOnlyList<HclToken> _tokens;
    private int _at;

    private HclParser(string file, string source, IReadOnlyList<HclToken> tokens)
    {
        _file = file;
        _source = source;
        _tokens = tokens;
    }

    public static HclBody Parse(string file, string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var parser = new HclParser(file, source, new HclLexer(file, source).Lex());
        return parser.Body(topLevel: true);
    }

    private HclToken Current => _tokens[_at];

    private HclToken Previous => _tokens[Math.Max(0, _at - 1)];

    private HclToken Advance() => _tokens[_at < _tokens.Count - 1 ? _at++ : _at];

    private TerraformFileException Error(HclToken at, string problem) => new(_file, at.Position, problem);

    private static string Describe(HclToken token) => token.Kind switch
    {
        HclTokenKind.End => "the end of the file",
        HclTokenKind.NewLine => "the end of the line",
        _ => $"'{token.Text}'",
    };

    private HclToken Expect(string punctuation, string what)
    {
        return Current.Is(punctuation) ? Advance() : throw Error(Current, $"expected '{punctuation}' {what}, found {Describe(Current)}.");
    }

    private void SkipNewLines()
    {
        while (Current.Kind == HclTokenKind.NewLine)
        {
            Advance();
        }
    }

    private HclBody Body(bool topLevel)
    {
        var attributes = new List<HclAttribute>();
        var blocks = new List<HclBlock>();
        while (true)
        {
            SkipNewLines();
            if (Current.Kind == HclTokenKind.End || (!topLevel && Current.Is("}")))
            {
                return topLevel || Current.Is("}") ? new HclBody(attributes, blocks) : throw Error(Current, "expected '}' to close the block.");
            }

            var name = Current.Kind == HclTokenKind.Identifier ? Advance() : throw Error(Current, $"expected an attribute or a block, found {Describe(Current)}.");
            if (Current.Is("="))
            {
                Advance();
                if (attributes.Any(a => a.Name == name.Text))
                {
                    throw Error(name, $"the attribute {name.Text} is set twice in this block.");
                }

                attributes.Add(new HclAttribute(name.Text, Expression(), name.Position));
            }
            else
            {
                var labels = new List<string>();
                while (Current.Kind == HclTokenKind.Identifier || Current.Kind == HclTokenKind.Template)
                {
                    labels.Add(Current.Kind == HclTokenKind.Identifier ? Advance().Text : Label(Advance()));
                }

                Expect("{", $"to open the block {name.Text}");
                var body = Body(topLevel: false);
                Expect("}", $"to close the block {name.Text}");
                blocks.Add(new HclBlock(name.Text, labels, body, name.Position));
            }

            if (Current.Kind is not (HclTokenKind.NewLine or HclTokenKind.End) && !(Current.Is("}") && !topLevel))
            {
                throw Error(Current, $"expected a new line after {name.Text}, found {Describe(Current)}.");
            }
        }
    }

    private string Label(HclToken token) => token.Parts switch
    {
        [] => "",
        [{ Literal: { } text }] => text,
        _ => throw Error(token, "a block label is a plain string, without ${…}."),
    };

    /// <summary>An expression up to the end of its line or the list, object or call around it.</summary>
    private HclExpression Expression()
    {
        var first = Current;
        var primary = Primary();
        if (IsTerminator(Current))
        {
            return primary;
        }

        // Only an operator joins more to a value; two values side by side are a mistake (but for x in …).
        if (Current.Kind != HclTokenKind.Punctuation && primary is not HclTraversal { Root: "for" })
        {
            throw Error(Current, $"unexpected {Describe(Current)} after a value.");
        }

        var depth = 0;
        while (depth > 0 || !IsTerminator(Current))
        {
            var token = Advance();
            depth += token.Text is "(" or "[" or "{" && token.Kind == HclTokenKind.Punctuation ? 1
                : token.Text is ")" or "]" or "}" && token.Kind == HclTokenKind.Punctuation ? -1 : 0;
            if (token.Kind == HclTokenKind.End)
            {
                throw Error(token, "unexpected end of the file inside an expression.");
            }
        }

        return new HclUnsupported(first.Position, Text(first));
    }

    private static bool IsTerminator(HclToken token) =>
        token.Kind is HclTokenKind.NewLine or HclTokenKind.End || token.Is(",") || token.Is("}") || token.Is("]") || token.Is(")");

    /// <summary>The source from <paramref name="first"/> to the last token read.</summary>
    private string Text(HclToken first) => _source[first.Start..Math.Max(first.End, Previous.End)];

    private HclExpression Primary()
    {
        var first = Advance();
        switch (first.Kind)
        {
            case HclTokenKind.Number:
                return new HclLiteral(Number(first, first.Text), first.Position, first.Text);
            case HclTokenKind.Punctuation when first.Text == "-" && Current.Kind == HclTokenKind.Number:
                return new HclLiteral(Number(first, "-" + Advance().Text), first.Position, Text(first));
            case HclTokenKind.Template:
                return Template(first);
            case HclTokenKind.Identifier:
                return first.Text switch
                {
                    "true" => new HclLiteral(JsonValue.Create(true), first.Position, first.Text),
                    "false" => new HclLiteral(JsonValue.Create(false), first.Position, first.Text),
                    "null" => new HclLiteral(null, first.Position, first.Text),
                    _ when Current.Is("(") => Call(first),
                    _ => Traversal(first),
                };
            case HclTokenKind.Punctuation when first.Text == "[":
                return Tuple(first);
            case HclTokenKind.Punctuation when first.Text == "{":
                return Object(first);
            case HclTokenKind.Punctuation when first.Text == "(":
                SkipNewLines();
                var inner = Expression();
                SkipNewLines();
                Expect(")", "to close the parenthesis");
                return inner;
            default:
                throw Error(first, $"expected a value, found {Describe(first)}.");
        }
    }

    private JsonValue Number(HclToken at, string text) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? JsonValue.Create(value)
            : throw Error(at, $"{text} is not a number belfry can read.");
}
