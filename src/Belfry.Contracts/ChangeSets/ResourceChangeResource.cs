using Belfry.Contracts.Alerts;
using Belfry.Contracts.Channels;
using Belfry.Contracts.Jobs;
using Belfry.Contracts.Pipelines;

namespace Belfry.Contracts.ChangeSets;

/// <summary>
/// Belfry extension: one write of a change set (<c>POST /v1/changeSets:apply</c>, docs/jobs-as-code.md). A create or
/// an update carries the whole resource in exactly one of <see cref="Job"/>, <see cref="Pipeline"/>,
/// <see cref="Channel"/> or <see cref="AlertPolicy"/>; a delete carries none.
/// </summary>
public sealed class ResourceChangeResource
{
    /// <summary><c>CREATE</c>, <c>UPDATE</c> or <c>DELETE</c>.</summary>
    public string? Action { get; set; }

    /// <summary>The resource's full name, <c>projects/…/locations/…/jobs/…</c> (or <c>pipelines</c>, <c>channels</c>, <c>alertPolicies</c>).</summary>
    public string? Name { get; set; }

    /// <summary>
    /// For an update or a delete: the resource's <c>userUpdateTime</c> (jobs, pipelines) or <c>updateTime</c>
    /// (channels, alert policies) when the change was planned; the whole set is refused (ABORTED) if it moved.
    /// </summary>
    public DateTimeOffset? ExpectedUpdateTime { get; set; }

    public JobResource? Job { get; set; }

    public PipelineResource? Pipeline { get; set; }

    public ChannelResource? Channel { get; set; }

    public AlertPolicyResource? AlertPolicy { get; set; }
}
