using System.CommandLine;
using System.Text.Json.Nodes;
using Belfry.Cli.Http;
using Belfry.Core.Jobs;

namespace Belfry.Cli.Commands;

/// <summary>
/// One kind of resource in a location (jobs, channels, alert policies, pipelines), as the shared list, describe and
/// delete commands (<see cref="ResourceCommands"/>) need it: its words in messages, its collection, how an ID or a
/// full name resolves, how it prints as a table, and its typed client calls.
/// </summary>
/// <typeparam name="TName">The resource name type of Core (<see cref="JobName"/>, …).</typeparam>
internal sealed class ResourceKind<TName>
    where TName : class
{
    /// <summary>The kind in messages: "alert policy" (<c>Deleted alert policy [ID].</c>).</summary>
    public required string Noun { get; init; }

    /// <summary>The positional argument: "POLICY".</summary>
    public required string ArgumentName { get; init; }

    public required string ArgumentDescription { get; init; }

    /// <summary>The collection: the name's path segment and a list page's items field, e.g. "alertPolicies".</summary>
    public required string Collection { get; init; }

    /// <summary>Parses a full name (null if it is not one); null when the group takes IDs only (pipelines).</summary>
    public Func<string, TName?>? ParseFullName { get; init; }

    /// <summary>The ID rule: jobs allow 500 characters, Belfry's own resources 100.</summary>
    public Func<string, bool> IsValidId { get; init; } = ResourceId.IsValidId;

    /// <summary>(location, ID) → the name.</summary>
    public required Func<LocationName, string, TName> Create { get; init; }

    /// <summary>The name's last segment, shown in messages.</summary>
    public required Func<TName, string> Id { get; init; }

    public required Func<IReadOnlyList<JsonNode>, string> Table { get; init; }

    public required Func<BelfryApiClient, TName, CancellationToken, Task<JsonNode>> Get { get; init; }

    public required Func<BelfryApiClient, LocationName, int?, string?, CancellationToken, Task<JsonNode>> List { get; init; }

    public required Func<BelfryApiClient, TName, CancellationToken, Task<JsonNode>> Delete { get; init; }

    /// <summary>A new positional argument (each command needs its own instance).</summary>
    public Argument<string> Argument() => new(ArgumentName) { Description = ArgumentDescription };

    /// <summary>"alert policy [ID]", as the delete prompt and its report name it.</summary>
    public string Describe(TName name) => $"{Noun} [{Id(name)}]";

    /// <summary>
    /// An ID, resolved in <paramref name="location"/> (asked only then, so a bad ID is reported before a bad
    /// --location), or a full <c>projects/…/{collection}/ID</c> name, as gcloud takes.
    /// </summary>
    public TName Resolve(string idOrName, Func<LocationName> location)
    {
        ArgumentNullException.ThrowIfNull(idOrName);
        ArgumentNullException.ThrowIfNull(location);
        if (ParseFullName is not null && idOrName.StartsWith("projects/", StringComparison.Ordinal))
        {
            return ParseFullName(idOrName) ?? throw new CliUsageException(
                $"argument {ArgumentName}: invalid {Noun} name \"{idOrName}\"; expected projects/PROJECT/locations/LOCATION/{Collection}/ID or an ID");
        }

        if (!IsValidId(idOrName))
        {
            throw new CliUsageException($"argument {ArgumentName}: invalid {Noun} ID \"{idOrName}\"; IDs have letters, digits, hyphens and underscores only");
        }

        return Create(location(), idOrName);
    }
}
