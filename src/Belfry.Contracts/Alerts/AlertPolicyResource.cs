namespace Belfry.Contracts.Alerts;

/// <summary>
/// Belfry extension: an alert policy, <c>projects/*/locations/*/alertPolicies/*</c>: <see cref="Failures"/> executions
/// of the selected jobs failing (after their last retry) within <see cref="Window"/> sends one alert to
/// <see cref="Channels"/>, then at most one per <see cref="RateLimit"/> while it lasts, and a resolve message when it clears.
/// </summary>
public sealed class AlertPolicyResource
{
    /// <summary><c>projects/{project}/locations/{location}/alertPolicies/{policy}</c>.</summary>
    public string? Name { get; set; }

    /// <summary>Free text, at most 500 characters.</summary>
    public string? DisplayName { get; set; }

    /// <summary>How many failed executions fire the alert; 1 to 1000, default 1.</summary>
    public int? Failures { get; set; }

    /// <summary>The sliding window the failures are counted in, e.g. <c>"300s"</c>; default 300s, at most 7 days.</summary>
    public string? Window { get; set; }

    /// <summary>The least time between two messages of a firing alert (<c>notificationRateLimit</c>); default the window.</summary>
    public string? RateLimit { get; set; }

    /// <summary>Channel ids (in the policy's location) or full names; at least one. Answered as full names.</summary>
    public List<string>? Channels { get; set; }

    /// <summary>Job ids in the policy's location, exact or a prefix ending in <c>*</c>; empty or absent: every job.</summary>
    public List<string>? Jobs { get; set; }

    /// <summary>Default true; a disabled policy is quiet and returns to OK.</summary>
    public bool? Enabled { get; set; }

    /// <summary>Output only: OK or FIRING.</summary>
    public string? State { get; set; }

    /// <summary>Output only: when the current alert started.</summary>
    public DateTimeOffset? FiringSince { get; set; }

    /// <summary>Output only: when the policy last sent a message.</summary>
    public DateTimeOffset? LastNotifyTime { get; set; }

    /// <summary>Output only.</summary>
    public DateTimeOffset? CreateTime { get; set; }

    /// <summary>Output only.</summary>
    public DateTimeOffset? UpdateTime { get; set; }
}
