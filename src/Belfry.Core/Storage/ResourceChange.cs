using Belfry.Core.Alerts;
using Belfry.Core.Jobs;
using Belfry.Core.Notifications;
using Belfry.Core.Pipelines;

namespace Belfry.Core.Storage;

/// <summary>
/// One write of a <see cref="ChangeSet"/>: a create, an update or a delete of a job, a pipeline, a channel or an alert
/// policy, named by its full name. Exactly one of the resources is set for a create or an update; a delete sets none.
/// <see cref="ExpectedUpdateTime"/> is the resource's user update time when the change was planned (jobs and pipelines:
/// <c>userUpdateTime</c>; channels and policies: <c>updateTime</c>); the store refuses the whole set when it moved.
/// </summary>
internal sealed record ResourceChange
{
    public required ChangeAction Action { get; init; }

    public required ChangeResourceKind Kind { get; init; }

    /// <summary>The resource's full name, <c>projects/…/locations/…/jobs/…</c> and likewise.</summary>
    public required string Name { get; init; }

    /// <summary>For an update or a delete: the update time the plan read (required). For a create: null.</summary>
    public DateTimeOffset? ExpectedUpdateTime { get; init; }

    public Job? Job { get; init; }

    public Pipeline? Pipeline { get; init; }

    public Channel? Channel { get; init; }

    public AlertPolicy? AlertPolicy { get; init; }
}
