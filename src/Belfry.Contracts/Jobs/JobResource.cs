using System.Text.Json.Serialization;
using Belfry.Contracts.Common;

namespace Belfry.Contracts.Jobs;

/// <summary>A Cloud Scheduler v1 <c>Job</c> on the wire (camelCase JSON), with Belfry's optional <c>belfry</c> object.</summary>
public sealed class JobResource
{
    /// <summary>Resource name, <c>projects/{project}/locations/{location}/jobs/{job}</c>.</summary>
    public string? Name { get; set; }

    /// <summary>Free text, at most 500 characters.</summary>
    public string? Description { get; set; }

    /// <summary>The HTTP target; the only target kind Belfry supports.</summary>
    public HttpTargetResource? HttpTarget { get; set; }

    /// <summary>Pub/Sub targets are not supported; present only so the error can name the field.</summary>
    public System.Text.Json.JsonElement? PubsubTarget { get; set; }

    /// <summary>App Engine targets are not supported; present only so the error can name the field.</summary>
    public System.Text.Json.JsonElement? AppEngineHttpTarget { get; set; }

    /// <summary>Unix-cron expression (Belfry also takes a leading seconds field).</summary>
    public string? Schedule { get; set; }

    /// <summary>IANA time zone id; default <c>Etc/UTC</c>.</summary>
    public string? TimeZone { get; set; }

    /// <summary>Output only: when the user last changed the job.</summary>
    public DateTimeOffset? UserUpdateTime { get; set; }

    /// <summary>Output only: ENABLED, PAUSED, DISABLED or UPDATE_FAILED.</summary>
    public JobStateWire? State { get; set; }

    /// <summary>Output only: the result of the last attempt.</summary>
    public StatusResource? Status { get; set; }

    /// <summary>Output only: the next scheduled time.</summary>
    public DateTimeOffset? ScheduleTime { get; set; }

    /// <summary>Output only: when the last attempt started.</summary>
    public DateTimeOffset? LastAttemptTime { get; set; }

    /// <summary>Retry settings.</summary>
    public RetryConfigResource? RetryConfig { get; set; }

    /// <summary>Deadline of one attempt as a duration string, 15s to 30m; default 180s.</summary>
    public string? AttemptDeadline { get; set; }

    /// <summary>Belfry-only settings; clients that do not know them leave them out.</summary>
    [JsonPropertyName("belfry")]
    public BelfrySettingsResource? Belfry { get; set; }
}
