using System.CommandLine;
using System.Text.Json.Nodes;
using Belfry.Cli.Commands;

namespace Belfry.Cli.Scheduler;

/// <summary>gcloud's list flags <c>--limit</c> and <c>--page-size</c>, and the page-following loop they steer.</summary>
internal sealed class PagingOptions
{
    /// <summary>The server's largest page (Cloud Scheduler's 500).</summary>
    public const int MaxPageSize = 500;

    public Option<int?> Limit { get; } = new("--limit")
    {
        Description = "Maximum number of resources to list. Default: all.",
        HelpName = "LIMIT",
        CustomParser = FlagParsers.NonNegativeInt,
    };

    public Option<int?> PageSize { get; } = new("--page-size")
    {
        Description = "Number of resources to request from the server in each page (1 to 500). Default: the server's.",
        HelpName = "PAGE_SIZE",
        CustomParser = FlagParsers.NonNegativeInt,
    };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Limit);
        command.Options.Add(PageSize);
    }

    /// <summary>Fetches pages until the last one or until --limit items are kept; returns the items kept.</summary>
    /// <param name="parseResult">The command line.</param>
    /// <param name="fetchPage">(page size, page token, cancellation) → the page.</param>
    /// <param name="itemsField">The page's array field: "jobs" or "executions".</param>
    /// <param name="keep">Which items to keep (--filter): as gcloud, the filter applies before the limit.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    public async Task<IReadOnlyList<JsonNode>> CollectAsync(
        ParseResult parseResult, Func<int?, string?, CancellationToken, Task<JsonNode>> fetchPage, string itemsField, Func<JsonNode, bool> keep, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(fetchPage);
        ArgumentNullException.ThrowIfNull(keep);
        var limit = parseResult.GetValue(Limit);
        var pageSize = parseResult.GetValue(PageSize) ?? (limit is { } l ? Math.Clamp(l, 1, MaxPageSize) : null);
        var items = new List<JsonNode>();
        string? token = null;
        do
        {
            if (limit is { } max && items.Count >= max)
            {
                break;
            }

            var page = await fetchPage(pageSize, token, cancellationToken).ConfigureAwait(false);
            if (page[itemsField] is JsonArray array)
            {
                items.AddRange(array.OfType<JsonNode>().Where(keep).Select(n => n.DeepClone()));
            }

            token = page["nextPageToken"]?.GetValue<string>();
        }
        while (!string.IsNullOrEmpty(token));

        return limit is { } cap && items.Count > cap ? items[..cap] : items;
    }
}
