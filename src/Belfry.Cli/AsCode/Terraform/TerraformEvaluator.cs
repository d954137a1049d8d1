using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Belfry.Cli.AsCode.Terraform;

/// <summary>
/// The values of a module's expressions, as far as they are known without Terraform: literals, templates, lists and
/// maps, <c>var.NAME</c> (from <c>--var</c>, the variables files, <c>TF_VAR_NAME</c>, or the declaration's default),
/// <c>local.NAME</c>, <c>base64encode(…)</c>, and a <c>google_service_account</c>'s <c>email</c> when its
/// <c>account_id</c> and project are literal (the address Google gives it). Anything else (other functions, other
/// resources' attributes, data sources, operators) is an error quoting the expression: nothing is guessed.
/// </summary>
internal sealed class TerraformEvaluator(
    TerraformModule module, IReadOnlyDictionary<string, JsonNode?> given, Func<string, string?> environment, string fallbackProject)
{
    private readonly HashSet<string> _evaluatingLocals = new(StringComparer.Ordinal);

    /// <summary>Variables marked <c>sensitive</c> the output refers to (<see cref="SensitiveVariable"/>): named on stderr.</summary>
    public SortedSet<string> SensitiveUsed { get; } = new(StringComparer.Ordinal);

    public JsonNode? Evaluate(HclExpression expression, string file, string field)
    {
        ArgumentNullException.ThrowIfNull(expression);
        switch (expression)
        {
            case HclLiteral literal:
                return literal.Value?.DeepClone();
            case HclTemplate { Parts: [(null, { } only)] }:
                return Evaluate(only, file, field);
            case HclTemplate template:
                var text = new StringBuilder();
                foreach (var (literal, inner) in template.Parts)
                {
                    text.Append(literal ?? Text(Evaluate(inner!, file, field), inner!, file, field));
                }

                return JsonValue.Create(text.ToString());
            case HclTuple tuple:
                return new JsonArray([.. tuple.Items.Select(i => Evaluate(i, file, field))]);
            case HclObject map:
                var result = new JsonObject();
                foreach (var (key, value) in map.Items)
                {
                    if (!result.TryAdd(key, Evaluate(value, file, $"{field}.{key}")))
                    {
                        throw Fail(value, file, field, $"the key {key} appears twice.");
                    }
                }

                return result;
            case HclTraversal reference:
                return Reference(reference, file, field);
            case HclCall { Name: "base64encode", Arguments: [var argument] } call:
                var plain = Text(Evaluate(argument, file, field), call, file, field);
                return SensitiveVariable.Within(plain) is { } secret
                    ? throw Fail(call, file, field, $"var.{secret} is sensitive, and base64encode would write its value out: belfry.yaml can refer to it only in a plain text field, as ${{env:TF_VAR_{secret}}}.")
                    : JsonValue.Create(Convert.ToBase64String(Encoding.UTF8.GetBytes(plain)));
            case HclCall call:
                throw Fail(call, file, field, $"the function {call.Name}(…) is not evaluated by belfry import terraform (only base64encode of one value is): write the value, or pass it with --var.");
            default:
                throw Fail(expression, file, field, "operators, conditionals and for expressions are not evaluated by belfry import terraform: write the value, or pass it with --var.");
        }
    }

    /// <summary>A value in a template, or where a string is expected: Terraform turns numbers and booleans into text.</summary>
    public static string Text(JsonNode? value, HclExpression at, string file, string field) => value switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.GetValue<decimal>().ToString(CultureInfo.InvariantCulture),
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>() ? "true" : "false",
        null => throw Fail(at, file, field, "is null, where text is expected."),
        _ => throw Fail(at, file, field, "is a list or a map, where text is expected."),
    };

    public static TerraformFileException Fail(HclExpression at, string file, string field, string problem) =>
        new(file, at.Position, $"{field}: {at.Source}: {problem}");

    private JsonNode? Reference(HclTraversal reference, string file, string field)
    {
        var steps = reference.Steps;
        return reference.Root switch
        {
            "var" when steps.Count >= 1 => Walk(Variable(steps[0], reference, file, field), steps.Skip(1), reference, file, field),
            "local" when steps.Count >= 1 => Walk(Local(steps[0], reference, file, field), steps.Skip(1), reference, file, field),
            "google_service_account" when steps is [var name, var attribute] => ServiceAccount(name, attribute, reference, file, field),
            "count" or "each" => throw Fail(reference, file, field, "resources repeated with count or for_each are not converted: write one resource per job."),
            "data" => throw Fail(reference, file, field, "data sources are not read by belfry import terraform: write the value, or pass it with --var."),
            _ => throw Fail(reference, file, field, "other resources' attributes are not known without Terraform: write the value, or pass it with --var."),
        };
    }

    private static JsonNode? Walk(JsonNode? value, IEnumerable<string> steps, HclTraversal at, string file, string field)
    {
        foreach (var step in steps)
        {
            value = value is JsonObject map && map.TryGetPropertyValue(step, out var next)
                ? next
                : throw Fail(at, file, field, $"the value has no attribute {step}.");
        }

        return value?.DeepClone();
    }

    private JsonNode? Variable(string name, HclTraversal at, string file, string field)
    {
        var declared = module.Variables.TryGetValue(name, out var declaration);
        if (declared && declaration.Block.Body.Attribute("sensitive")?.Value is HclLiteral { Value: JsonValue sensitive } &&
            sensitive.GetValueKind() == JsonValueKind.True)
        {
            SensitiveUsed.Add(name);
            return JsonValue.Create(SensitiveVariable.Marker(name));
        }

        if (given.TryGetValue(name, out var value))
        {
            return value;
        }

        if (declared && environment($"TF_VAR_{name}") is { } fromEnvironment)
        {
            return JsonValue.Create(fromEnvironment);
        }

        if (declared && declaration.Block.Body.Attribute("default") is { } fallback)
        {
            return Evaluate(fallback.Value, declaration.File, $"variable.{name}.default");
        }

        throw Fail(at, file, field, $"the variable {name} is not set and has no default: pass --var {name}=VALUE (or --var-file FILE).");
    }

    private JsonNode? Local(string name, HclTraversal at, string file, string field)
    {
        if (!module.Locals.TryGetValue(name, out var local))
        {
            throw Fail(at, file, field, $"no locals block defines {name}.");
        }

        if (!_evaluatingLocals.Add(name))
        {
            throw Fail(at, file, field, $"local.{name} refers to itself.");
        }

        try
        {
            return Evaluate(local.Attribute.Value, local.File, $"local.{name}");
        }
        finally
        {
            _evaluatingLocals.Remove(name);
        }
    }

    /// <summary>A service account's email is <c>ACCOUNT_ID@PROJECT.iam.gserviceaccount.com</c>: known from its literal fields.</summary>
    private JsonValue ServiceAccount(string name, string attribute, HclTraversal at, string file, string field)
    {
        var (accountFile, block) = module.Resources.FirstOrDefault(r => r.Block.Labels[0] == "google_service_account" && r.Block.Labels[1] == name);
        if (block is null)
        {
            throw Fail(at, file, field, $"no resource \"google_service_account\" \"{name}\" is in the files read.");
        }

        var accountId = block.Body.Attribute("account_id") is { } id
            ? Text(Evaluate(id.Value, accountFile, $"google_service_account.{name}.account_id"), id.Value, accountFile, $"google_service_account.{name}.account_id")
            : throw Fail(at, file, field, $"google_service_account.{name} has no account_id.");
        return attribute switch
        {
            "account_id" => JsonValue.Create(accountId),
            "email" or "member" when Project(block.Body, accountFile, $"google_service_account.{name}") is var project =>
                JsonValue.Create($"{(attribute == "member" ? "serviceAccount:" : "")}{accountId}@{project}.iam.gserviceaccount.com"),
            _ => throw Fail(at, file, field, $"google_service_account's {attribute} is not known without Terraform (its email and account_id are)."),
        };
    }

    /// <summary>A resource's project: its own <c>project</c>, its provider's, or <c>--project</c>.</summary>
    public string Project(HclBody resource, string file, string field) => Setting(resource, "project", file, field) ?? fallbackProject;

    /// <summary>A resource's attribute, else its provider's (<c>provider = google.ALIAS</c> or the default one).</summary>
    public string? Setting(HclBody resource, string name, string file, string field)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (resource.Attribute(name) is { } own)
        {
            return Text(Evaluate(own.Value, file, $"{field}.{name}"), own.Value, file, $"{field}.{name}");
        }

        var alias = resource.Attribute("provider")?.Value is HclTraversal { Steps: [var a] } ? a : null;
        var provider = module.GoogleProvider(alias);
        var (providerFile, _) = module.Providers.FirstOrDefault(p => ReferenceEquals(p.Block.Body, provider));
        return provider?.Attribute(name) is { } inherited
            ? Text(Evaluate(inherited.Value, providerFile, $"provider.google.{name}"), inherited.Value, providerFile, $"provider.google.{name}")
            : null;
    }
}
