using System.CommandLine;
using System.Text.Json.Nodes;
using Belfry.Cli.Commands;
using Belfry.Cli.Http;
using Belfry.Core.Jobs;

namespace Belfry.Cli.Scheduler;

/// <summary>
/// Issue 15, "Locations": a new user lists jobs in the default location while they live in another, and sees nothing.
/// When <c>jobs list</c> comes back empty in a location the user did not name, one line on stderr names the locations
/// that hold jobs and the flag that reaches them.
/// </summary>
internal static class OtherLocationsHint
{
    public static async Task WriteAsync(CliSession session, ParseResult parseResult, BelfryApiClient client, LocationName parent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(parent);
        if (parent.IsAnyLocation || parseResult.GetResult(session.Options.Location) is { Implicit: false })
        {
            return;
        }

        // One page is enough to name where jobs are; a location holding jobs that --filter dropped is not "empty".
        var page = await client.ListJobsAsync(parent with { Location = LocationName.AnyLocation }, PagingOptions.MaxPageSize, null, cancellationToken)
            .ConfigureAwait(false);
        var locations = (page["jobs"] as JsonArray ?? []).Select(j => JobName.TryParse((string?)j?["name"], out var name) ? name.Location : null)
            .OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (locations.Count == 0 || locations.Contains(parent.Location))
        {
            return;
        }

        await session.Environment.Error.WriteLineAsync(
            $"No jobs in location {parent.Location}; jobs exist in {string.Join(", ", locations)}: " +
            $"use --location={locations[0]}, or --location=- for every location.").ConfigureAwait(false);
    }
}
