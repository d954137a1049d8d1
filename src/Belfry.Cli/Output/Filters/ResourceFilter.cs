using System.Text.Json.Nodes;

namespace Belfry.Cli.Output.Filters;

/// <summary>A parsed <c>--filter</c> expression, applied on the client to each resource a list command received, as gcloud does for most fields.</summary>
internal sealed class ResourceFilter(string text, Func<JsonNode, bool> predicate)
{
    public string Text { get; } = text;

    public bool Matches(JsonNode resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return predicate(resource);
    }

    /// <summary>Parses <paramref name="text"/> (<see cref="FilterParser"/>); throws <see cref="FilterSyntaxException"/>.</summary>
    public static ResourceFilter Parse(string text) => new(text, new FilterParser(text).Parse());
}
