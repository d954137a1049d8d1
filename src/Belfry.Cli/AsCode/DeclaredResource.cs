using System.Text.Json.Nodes;

namespace Belfry.Cli.AsCode;

/// <summary>
/// One resource a <c>belfry.yaml</c> declares: its kind, full name, the API's JSON for it (values substituted, the
/// full name set), where it is in the file, and where each of its fields is (paths as <c>httpTarget.uri</c>,
/// <c>steps[0].id</c>).
/// </summary>
internal sealed record DeclaredResource(
    DeclaredKind Kind, string FullName, string Id, JsonObject Body, FilePosition Position, IReadOnlyDictionary<string, FilePosition> Fields)
{
    /// <summary>The field as the file names it, e.g. <c>jobs[nightly].schedule</c>.</summary>
    public string FieldName(string? path) => string.IsNullOrEmpty(path) ? $"{Kind.Key}[{Id}]" : $"{Kind.Key}[{Id}].{path}";

    /// <summary>Where <paramref name="path"/> is, or the nearest enclosing field that is in the file, or the resource.</summary>
    public FilePosition PositionOf(string? path)
    {
        var current = path ?? "";
        while (current.Length > 0)
        {
            if (Fields.TryGetValue(current, out var found))
            {
                return found;
            }

            var cut = Math.Max(current.LastIndexOf('.'), current.LastIndexOf('['));
            current = cut < 0 ? "" : current[..cut];
        }

        return Position;
    }
}
