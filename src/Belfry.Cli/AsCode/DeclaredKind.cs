using System.Text.Json;
using System.Text.Json.Nodes;
using Belfry.Cli.Http;
using Belfry.Contracts.ChangeSets;
using Belfry.Contracts.Serialization;
using Belfry.Core.Jobs;

namespace Belfry.Cli.AsCode;

/// <summary>
/// What jobs as code knows of each kind of resource: its key in the file (the API's collection), the fields the
/// server alone sets (left out of plans and exports), its update time (the plan's guard), how to list it, and how a
/// change carries it. The wire types are the API's own (<see cref="BelfryJsonContext"/>), read strictly, so the file
/// takes exactly the fields the API takes.
/// </summary>
internal sealed class DeclaredKind
{
    public static readonly DeclaredKind Channels = new()
    {
        Key = "channels",
        Noun = "channel",
        UpdateTimeField = "updateTime",
        OutputOnly = ["name", "webhookUrlSet", "secretSet", "createTime", "updateTime"],
        List = (client, parent, token, ct) => client.ListChannelsAsync(parent, null, token, ct),
        Carry = (change, body) => change.Channel = JsonSerializer.Deserialize(body, BelfryJsonContext.Default.ChannelResource),
        Carried = change => change["channel"],
    };

    public static readonly DeclaredKind Jobs = new()
    {
        Key = "jobs",
        Noun = "job",
        UpdateTimeField = "userUpdateTime",
        OutputOnly = ["name", "userUpdateTime", "state", "status", "scheduleTime", "lastAttemptTime"],
        List = (client, parent, token, ct) => client.ListJobsAsync(parent, null, token, ct),
        Carry = (change, body) => change.Job = JsonSerializer.Deserialize(body, BelfryJsonContext.Default.JobResource),
        Carried = change => change["job"],
    };

    public static readonly DeclaredKind Pipelines = new()
    {
        Key = "pipelines",
        Noun = "pipeline",
        UpdateTimeField = "userUpdateTime",
        OutputOnly = ["name", "state", "scheduleTime", "userUpdateTime"],
        List = (client, parent, token, ct) => client.ListPipelinesAsync(parent, null, token, ct),
        Carry = (change, body) => change.Pipeline = JsonSerializer.Deserialize(body, BelfryJsonContext.Default.PipelineResource),
        Carried = change => change["pipeline"],
    };

    public static readonly DeclaredKind AlertPolicies = new()
    {
        Key = "alertPolicies",
        Noun = "alert policy",
        UpdateTimeField = "updateTime",
        OutputOnly = ["name", "state", "firingSince", "lastNotifyTime", "createTime", "updateTime"],
        List = (client, parent, token, ct) => client.ListAlertPoliciesAsync(parent, null, token, ct),
        Carry = (change, body) => change.AlertPolicy = JsonSerializer.Deserialize(body, BelfryJsonContext.Default.AlertPolicyResource),
        Carried = change => change["alertPolicy"],
    };

    /// <summary>In the order a plan lists them and a change set writes them: channels before what refers to them.</summary>
    public static readonly IReadOnlyList<DeclaredKind> All = [Channels, Jobs, Pipelines, AlertPolicies];

    /// <summary>The key in the file, the API's collection and its list's field: <c>jobs</c>, <c>alertPolicies</c>.</summary>
    public required string Key { get; init; }

    public required string Noun { get; init; }

    /// <summary><c>userUpdateTime</c> or <c>updateTime</c>: what a change set's guard compares.</summary>
    public required string UpdateTimeField { get; init; }

    public required IReadOnlyList<string> OutputOnly { get; init; }

    /// <summary>One page of a location's resources, from a page token.</summary>
    public required Func<BelfryApiClient, LocationName, string?, CancellationToken, Task<JsonNode>> List { get; init; }

    /// <summary>Reads <c>body</c> as the API's type (strictly: an unknown field throws) into the change.</summary>
    public required Action<ResourceChangeResource, JsonObject> Carry { get; init; }

    /// <summary>The resource of a change in a change set's answer.</summary>
    public required Func<JsonNode, JsonNode?> Carried { get; init; }

    /// <summary>The resource without what only the server sets: what a plan compares and an export writes.</summary>
    public JsonObject Definition(JsonNode resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var copy = resource.DeepClone().AsObject();
        foreach (var field in OutputOnly)
        {
            copy.Remove(field);
        }

        return copy;
    }
}
