using Belfry.Contracts.ChangeSets;
using Belfry.Core.Storage;
using Belfry.Server.Api.AlertPolicies;
using Belfry.Server.Api.Channels;
using Belfry.Server.Api.Jobs;
using Belfry.Server.Api.Pipelines;

namespace Belfry.Server.Api.ChangeSets;

/// <summary>A change set between the wire and Core: actions, kinds, the resources written, the channels they name.</summary>
internal static class ChangeSetWire
{
    public static ChangeAction Action(string? action) => action switch
    {
        "CREATE" => ChangeAction.Create,
        "UPDATE" => ChangeAction.Update,
        "DELETE" => ChangeAction.Delete,
        _ => throw ApiException.InvalidArgument($"action: \"{action}\" is not CREATE, UPDATE or DELETE."),
    };

    /// <summary>The kind a create or update carries (exactly one resource), or a delete names (none).</summary>
    public static ChangeResourceKind Kind(ResourceChangeResource change, ChangeAction action)
    {
        ArgumentNullException.ThrowIfNull(change);
        var carried = new (object? Resource, ChangeResourceKind Kind)[]
        {
            (change.Job, ChangeResourceKind.Job), (change.Pipeline, ChangeResourceKind.Pipeline),
            (change.Channel, ChangeResourceKind.Channel), (change.AlertPolicy, ChangeResourceKind.AlertPolicy),
        }.Where(r => r.Resource is not null).ToList();
        if (action == ChangeAction.Delete)
        {
            return carried.Count > 0
                ? throw ApiException.InvalidArgument("a DELETE carries no resource.")
                : KindOfName(change.Name);
        }

        return carried.Count == 1
            ? carried[0].Kind
            : throw ApiException.InvalidArgument($"a {change.Action} carries exactly one of job, pipeline, channel or alertPolicy.");
    }

    public static ResourceChangeResource ToWire(ResourceChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return new ResourceChangeResource
        {
            Action = change.Action.ToString().ToUpperInvariant(),
            Name = change.Name,
            ExpectedUpdateTime = change.ExpectedUpdateTime,
            Job = change.Job is { } job ? JobMapper.ToResource(job) : null,
            Pipeline = change.Pipeline is { } pipeline ? PipelineMapper.ToResource(pipeline) : null,
            Channel = change.Channel is { } channel ? ChannelMapper.ToResource(channel) : null,
            AlertPolicy = change.AlertPolicy is { } policy ? AlertPolicyMapper.ToResource(policy) : null,
        };
    }

    /// <summary>The channels a written job, pipeline or policy names, with the field that names each.</summary>
    public static IEnumerable<(string Field, string Channel)> ChannelReferences(ResourceChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var routes = change.Job?.Belfry.Notify ?? change.Pipeline?.Belfry.Notify;
        var named = routes is null
            ? (change.AlertPolicy?.Channels ?? []).Select(c => ("channels", c))
            : routes.OnFailure.Select(c => ("belfry.notifyOnFailure", c))
                .Concat(routes.OnRecovery.Select(c => ("belfry.notifyOnRecovery", c)))
                .Concat(routes.OnSuccess.Select(c => ("belfry.notifyOnSuccess", c)));
        return named;
    }

    private static ChangeResourceKind KindOfName(string? name)
    {
        var parts = name?.Split('/') ?? [];
        return parts.Length == 6 && parts[0] == "projects" && parts[2] == "locations"
            ? parts[4] switch
            {
                "jobs" => ChangeResourceKind.Job,
                "pipelines" => ChangeResourceKind.Pipeline,
                "channels" => ChangeResourceKind.Channel,
                "alertPolicies" => ChangeResourceKind.AlertPolicy,
                _ => throw ApiException.InvalidArgument($"name: \"{name}\" names no job, pipeline, channel or alert policy."),
            }
            : throw ApiException.InvalidArgument($"name: \"{name}\" is not of the form projects/PROJECT/locations/LOCATION/KIND/ID.");
    }
}
