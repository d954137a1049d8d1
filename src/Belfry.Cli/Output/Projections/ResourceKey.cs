using System.Text.Json;
using System.Text.Json.Nodes;

namespace Belfry.Cli.Output.Projections;

/// <summary>
/// A resource key as gcloud's --format and --filter take it (<c>gcloud topic resource-keys</c>): a dotted path of
/// field names from the resource's root (<c>httpTarget.uri</c>), optionally ending in the <c>.basename()</c>
/// transform, which keeps what follows a name's last <c>/</c>.
/// </summary>
internal sealed record ResourceKey(IReadOnlyList<string> Path, bool Basename)
{
    private const string BasenameSuffix = ".basename()";

    /// <summary>The key as written, e.g. <c>name.basename()</c>.</summary>
    public string Text => string.Join('.', Path) + (Basename ? BasenameSuffix : string.Empty);

    /// <summary>Parses <paramref name="text"/>; null when it is not a dotted path of field names.</summary>
    public static ResourceKey? TryParse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var basename = text.EndsWith(BasenameSuffix, StringComparison.Ordinal);
        var path = (basename ? text[..^BasenameSuffix.Length] : text).Split('.');
        return path.All(IsFieldName) ? new ResourceKey(path, basename) : null;
    }

    /// <summary>
    /// The scalar values the key reaches in <paramref name="resource"/>, as text: none when a field is missing or null;
    /// one per element where the path crosses a list (a filter term matches if any does).
    /// </summary>
    public IReadOnlyList<string> Values(JsonNode? resource)
    {
        IEnumerable<JsonNode?> nodes = [resource];
        foreach (var field in Path)
        {
            nodes = nodes.SelectMany(n => n switch
            {
                JsonObject o => new[] { o[field] },
                JsonArray a => a.Select(e => (e as JsonObject)?[field]),
                _ => [],
            });
        }

        // Never a collection expression here: typed as JsonArray, it would re-parent the node.
        return [.. nodes.SelectMany(n => n is JsonArray a ? a.AsEnumerable() : new[] { n }).Where(n => n is not null).Select(n => Transform(Scalar(n!)))];
    }

    /// <summary>The key's value as one cell: lists joined by <c>;</c>, as gcloud prints them; empty when missing.</summary>
    public string Cell(JsonNode? resource) => string.Join(';', Values(resource));

    private static string Scalar(JsonNode node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.String
        ? value.GetValue<string>()
        : node.ToJsonString();

    private string Transform(string value) => Basename ? value[(value.LastIndexOf('/') + 1)..] : value;

    private static bool IsFieldName(string part) =>
        part.Length > 0 && (char.IsAsciiLetter(part[0]) || part[0] == '_') && part.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
