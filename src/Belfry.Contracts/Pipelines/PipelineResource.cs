using System.Text.Json.Serialization;
using Belfry.Contracts.Jobs;

namespace Belfry.Contracts.Pipelines;

/// <summary>A pipeline: a schedule and HTTP steps with <c>dependsOn</c> edges (docs/pipelines.md).</summary>
public sealed class PipelineResource
{
    /// <summary><c>projects/{project}/locations/{location}/pipelines/{pipeline}</c>.</summary>
    public string? Name { get; set; }

    public string? Description { get; set; }

    /// <summary>Unix-cron, as a job's.</summary>
    public string? Schedule { get; set; }

    /// <summary>IANA zone; default <c>Etc/UTC</c>.</summary>
    public string? TimeZone { get; set; }

    /// <summary>At least one; ids unique; <c>dependsOn</c> names steps of this pipeline, without cycles.</summary>
    public List<PipelineStepResource>? Steps { get; set; }

    /// <summary>Overlap and catch-up policies and <c>notifyOnFailure</c>, as on a job.</summary>
    [JsonPropertyName("belfry")]
    public BelfrySettingsResource? Belfry { get; set; }

    /// <summary>Output only: ENABLED or PAUSED.</summary>
    public JobStateWire? State { get; set; }

    /// <summary>Output only: the next scheduled run.</summary>
    public DateTimeOffset? ScheduleTime { get; set; }

    /// <summary>Output only.</summary>
    public DateTimeOffset? UserUpdateTime { get; set; }
}
