using System.Text.Json.Serialization;

namespace Belfry.Contracts.Jobs;

/// <summary>Cloud Scheduler v1 <c>Job.State</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<JobStateWire>))]
public enum JobStateWire
{
    /// <summary>Not set.</summary>
    [JsonStringEnumMemberName("STATE_UNSPECIFIED")] Unspecified = 0,
    /// <summary>Fires on schedule.</summary>
    [JsonStringEnumMemberName("ENABLED")] Enabled = 1,
    /// <summary>Paused by the user.</summary>
    [JsonStringEnumMemberName("PAUSED")] Paused = 2,
    /// <summary>Disabled by the system.</summary>
    [JsonStringEnumMemberName("DISABLED")] Disabled = 3,
    /// <summary>The last update failed.</summary>
    [JsonStringEnumMemberName("UPDATE_FAILED")] UpdateFailed = 4,
}
