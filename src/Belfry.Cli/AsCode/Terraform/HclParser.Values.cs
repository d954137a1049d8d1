namespace Belfry.Cli.AsCode.Terraform;

/// <summary>Templates, calls, references, lists and objects.</summary>
internal sealed partial class HclParser
{
    private HclTemplate Template(HclToken token)
    {
        var parts = new List<(string?, HclExpression?)>();
        foreach (var part in token.Parts)
        {
            if (part.Literal is { } text)
            {
                parts.Add((text, null));
                continue;
            }

            var inner = new HclParser(_file, _source, part.Interpolation!);
            var expression = inner.Current.Kind == HclTokenKind.End
                ? throw Error(inner.Current, "an empty interpolation ${}.")
                : inner.Expression();
            if (inner.Current.Kind != HclTokenKind.End)
            {
                throw Error(inner.Current, $"unexpected {Describe(inner.Current)} in an interpolation.");
            }

            parts.Add((null, expression));
        }

        return new HclTemplate(parts, token.Position, token.Text);
    }

    private HclCall Call(HclToken name)
    {
        Advance();
        var arguments = new List<HclExpression>();
        while (true)
        {
            SkipNewLines();
            if (Current.Is(")"))
            {
                Advance();
                return new HclCall(name.Text, arguments, name.Position, Text(name));
            }

            arguments.Add(Expression());
            SkipNewLines();
            if (!Current.Is(")"))
            {
                Expect(",", $"between the arguments of {name.Text}(…)");
            }
        }
    }

    private HclExpression Traversal(HclToken root)
    {
        var steps = new List<string>();
        var plain = true;
        while (true)
        {
            if (Current.Is(".") && _tokens[_at + 1].Kind is HclTokenKind.Identifier or HclTokenKind.Number)
            {
                Advance();
                steps.Add(Advance().Text);
            }
            else if (Current.Is(".") || Current.Is("["))
            {
                // Indexes and splats (a[0], a["k"], a.*, a[*]) are kept as text: the importer resolves names only.
                var opening = Advance();
                plain = false;
                if (opening.Text == "[")
                {
                    SkipNewLines();
                    if (Current.Is("*"))
                    {
                        Advance();
                    }
                    else
                    {
                        Expression();
                    }

                    Expect("]", "to close the index");
                }
                else
                {
                    Expect("*", "after '.' (a name or *)");
                }
            }
            else
            {
                var text = Text(root);
                return plain ? new HclTraversal(root.Text, steps, root.Position, text) : new HclUnsupported(root.Position, text);
            }
        }
    }

    private HclTuple Tuple(HclToken opening)
    {
        var items = new List<HclExpression>();
        while (true)
        {
            SkipNewLines();
            if (Current.Is("]"))
            {
                Advance();
                return new HclTuple(items, opening.Position, Text(opening));
            }

            items.Add(Expression());
            SkipNewLines();
            if (!Current.Is("]"))
            {
                Expect(",", "between the items of a list");
            }
        }
    }

    private HclExpression Object(HclToken opening)
    {
        var items = new List<(string, HclExpression)>();
        while (true)
        {
            SkipNewLines();
            if (Current.Is("}"))
            {
                Advance();
                return new HclObject(items, opening.Position, Text(opening));
            }

            if (Current.Kind == HclTokenKind.Identifier && Current.Text == "for" && _tokens[_at + 1].Kind == HclTokenKind.Identifier)
            {
                return ForObject(opening);
            }

            var key = Advance();
            var name = key.Kind switch
            {
                HclTokenKind.Identifier or HclTokenKind.Number => key.Text,
                HclTokenKind.Template => Label(key),
                _ => throw Error(key, $"expected a key, found {Describe(key)}: keys that are expressions are not supported."),
            };
            if (!Current.Is("=") && !Current.Is(":"))
            {
                throw Error(Current, $"expected '=' or ':' after the key {name}, found {Describe(Current)}.");
            }

            Advance();
            items.Add((name, Expression()));
            if (Current.Is(","))
            {
                Advance();
            }
            else if (Current.Kind != HclTokenKind.NewLine && !Current.Is("}"))
            {
                throw Error(Current, $"expected ',' or a new line after the value of {name}, found {Describe(Current)}.");
            }
        }
    }

    /// <summary><c>{for k, v in m : k => v}</c>: kept as text, up to its closing brace.</summary>
    private HclUnsupported ForObject(HclToken opening)
    {
        for (var depth = 1; depth > 0;)
        {
            var token = Advance();
            depth += token.Is("{") ? 1 : token.Is("}") ? -1 : 0;
            if (token.Kind == HclTokenKind.End)
            {
                throw Error(opening, "expected '}' to close the for expression.");
            }
        }

        return new HclUnsupported(opening.Position, Text(opening));
    }
}
