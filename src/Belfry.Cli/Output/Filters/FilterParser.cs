using System.Text;
using System.Text.Json.Nodes;
using Belfry.Cli.Output.Projections;

namespace Belfry.Cli.Output.Filters;

/// <summary>
/// Reads the common forms of <c>gcloud topic filters</c>: terms <c>KEY OP VALUE</c> (operators in <see cref="FilterTerms"/>;
/// values bare, quoted with <c>'</c> or <c>"</c>, or a list <c>(a,b)</c> that matches if any does), combined with
/// <c>AND</c> (or a space), <c>OR</c>, <c>NOT</c> or a leading <c>-</c>, and parentheses. As gcloud, AND and OR may not be
/// combined at one level without parentheses: <c>a AND b OR c</c> is refused, <c>(a AND b) OR c</c> is not.
/// </summary>
internal sealed class FilterParser(string text)
{
    private static readonly string[] Operators = ["!=", "!~", "<=", ">=", ":", "=", "~", "<", ">"];

    private int _position;

    public Func<JsonNode, bool> Parse()
    {
        SkipSpace();
        if (AtEnd)
        {
            throw Error("the expression is empty");
        }

        var expression = ParseOr();
        return AtEnd ? expression : throw Error($"unexpected \"{text[_position..]}\"");
    }

    private bool AtEnd => _position >= text.Length;

    private Func<JsonNode, bool> ParseOr()
    {
        var (first, firstTerms) = ParseAnd();
        var alternatives = new List<Func<JsonNode, bool>> { first };
        var mixed = firstTerms > 1;
        while (Keyword("OR"))
        {
            var (next, terms) = ParseAnd();
            alternatives.Add(next);
            mixed |= terms > 1;
        }

        if (alternatives.Count > 1 && mixed)
        {
            throw Error("AND and OR are combined without parentheses; group them, e.g. (a AND b) OR c");
        }

        return alternatives.Count == 1 ? first : r => alternatives.Any(a => a(r));
    }

    private (Func<JsonNode, bool> Expression, int Terms) ParseAnd()
    {
        var conjuncts = new List<Func<JsonNode, bool>> { ParseUnary() };
        while (true)
        {
            SkipSpace();
            if (AtEnd || Peek(')') || PeekKeyword("OR"))
            {
                break;
            }

            Keyword("AND");
            conjuncts.Add(ParseUnary());
        }

        return (conjuncts.Count == 1 ? conjuncts[0] : r => conjuncts.All(c => c(r)), conjuncts.Count);
    }

    private Func<JsonNode, bool> ParseUnary()
    {
        SkipSpace();
        if (Keyword("NOT") || Take('-'))
        {
            var inner = ParseUnary();
            return r => !inner(r);
        }

        if (Take('('))
        {
            var inner = ParseOr();
            SkipSpace();
            return Take(')') ? inner : throw Error("a \"(\" is not closed");
        }

        return ParseTerm();
    }

    private Func<JsonNode, bool> ParseTerm()
    {
        var start = _position;
        while (!AtEnd && (char.IsAsciiLetterOrDigit(text[_position]) || text[_position] is '_' or '.'))
        {
            _position++;
        }

        if (text.AsSpan(start, _position - start).EndsWith(".basename") && text.AsSpan(_position).StartsWith("()"))
        {
            _position += 2;
        }

        var keyText = text[start.._position];
        var key = ResourceKey.TryParse(keyText) ?? throw Error(keyText.Length == 0
            ? $"expected a resource key such as state or httpTarget.uri at \"{text[start..]}\""
            : $"\"{keyText}\" is not a resource key");
        SkipSpace();
        var op = Operators.FirstOrDefault(o => text.AsSpan(_position).StartsWith(o))
            ?? throw Error($"expected an operator (: = != ~ !~ < <= > >=) after \"{keyText}\"");
        _position += op.Length;
        SkipSpace();
        var test = Values().Select(v => Test(op, v)).ToList();
        var negated = op is "!=" or "!~";
        return resource =>
        {
            var any = key.Values(resource).Any(v => test.Any(t => t(v)));
            return negated ? !any : any;
        };
    }

    private Func<string, bool> Test(string op, string value) => op switch
    {
        ":" => FilterTerms.Has(value),
        "=" or "!=" => FilterTerms.Equal(value),
        "~" or "!~" => FilterTerms.Matches(value, text),
        _ => FilterTerms.Compare(op, value),
    };

    private List<string> Values()
    {
        if (!Take('('))
        {
            return [Value(inList: false)];
        }

        var values = new List<string>();
        while (true)
        {
            SkipSpace();
            if (Take(')'))
            {
                return values.Count > 0 ? values : throw Error("the value list \"()\" is empty");
            }

            values.Add(Value(inList: true));
            SkipSpace();
            Take(',');
        }
    }

    private string Value(bool inList)
    {
        if (AtEnd)
        {
            throw Error("a value is missing at the end");
        }

        if (text[_position] is '"' or '\'')
        {
            var quote = text[_position++];
            var value = new StringBuilder();
            while (!AtEnd && text[_position] != quote)
            {
                value.Append(text[_position] == '\\' && _position + 1 < text.Length ? text[++_position] : text[_position]);
                _position++;
            }

            return Take(quote) ? value.ToString() : throw Error($"a value opened with {quote} is not closed");
        }

        var start = _position;
        while (!AtEnd && !char.IsWhiteSpace(text[_position]) && text[_position] != ')' && !(inList && text[_position] == ','))
        {
            _position++;
        }

        return _position > start ? text[start.._position] : throw Error($"a value is missing at \"{text[start..]}\"");
    }

    private bool Keyword(string word)
    {
        SkipSpace();
        if (!PeekKeyword(word))
        {
            return false;
        }

        _position += word.Length;
        return true;
    }

    private bool PeekKeyword(string word) =>
        text.AsSpan(_position).StartsWith(word, StringComparison.Ordinal)
        && (_position + word.Length == text.Length || text[_position + word.Length] is ' ' or '\t' or '(' or '-');

    private bool Peek(char c) => !AtEnd && text[_position] == c;

    private bool Take(char c)
    {
        if (!Peek(c))
        {
            return false;
        }

        _position++;
        return true;
    }

    private void SkipSpace()
    {
        while (!AtEnd && char.IsWhiteSpace(text[_position]))
        {
            _position++;
        }
    }

    private static FilterSyntaxException Error(string message) => new(message);
}
