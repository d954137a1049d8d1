namespace Belfry.Core.Alerts;

/// <summary>
/// "<see cref="Failures"/> failed executions of the selected jobs within <see cref="Window"/> → one alert to
/// <see cref="Channels"/>, then at most one per <see cref="RateLimit"/> while it lasts, and a resolve message when
/// it clears" (docs/notifications.md, "Alert policies"). <see cref="Jobs"/> selects job ids in the policy's
/// location, exactly or by a prefix ending in <c>*</c>; empty selects every job there.
/// </summary>
internal sealed record AlertPolicy
{
    public required AlertPolicyName Name { get; init; }

    public string DisplayName { get; init; } = "";

    public required int Failures { get; init; }

    public required TimeSpan Window { get; init; }

    public required TimeSpan RateLimit { get; init; }

    /// <summary>Full channel names.</summary>
    public required IReadOnlyList<string> Channels { get; init; }

    public IReadOnlyList<string> Jobs { get; init; } = [];

    public bool Enabled { get; init; } = true;

    public DateTimeOffset CreateTime { get; init; }

    public DateTimeOffset UpdateTime { get; init; }

    /// <summary>
    /// When the condition (<see cref="Failures"/>, <see cref="Window"/>, <see cref="Jobs"/>, <see cref="Enabled"/>) took
    /// its present form: at create, or at the update that changed it. Failures that finished at or before it are not
    /// judged (issue 15: a new policy must not fire on failures that came, and were recovered from, before it).
    /// </summary>
    public DateTimeOffset ConditionTime { get; init; }

    /// <summary>Whether <paramref name="other"/> judges differently: a change of what the condition counts, not of where it is sent.</summary>
    public bool ConditionDiffers(AlertPolicy other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Failures != other.Failures || Window != other.Window || Enabled != other.Enabled || !Jobs.SequenceEqual(other.Jobs);
    }

    /// <summary>Output only; the evaluator's, never changed by an update.</summary>
    public AlertPolicyStatus Status { get; init; } = AlertPolicyStatus.Ok;

    public bool Matches(string jobId)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        return Jobs.Count == 0 || Jobs.Any(p => p.EndsWith('*') ? jobId.StartsWith(p[..^1], StringComparison.Ordinal) : jobId == p);
    }

    public bool Equals(AlertPolicy? other) =>
        other is not null && Name == other.Name && DisplayName == other.DisplayName && Failures == other.Failures &&
        Window == other.Window && RateLimit == other.RateLimit && Channels.SequenceEqual(other.Channels) &&
        Jobs.SequenceEqual(other.Jobs) && Enabled == other.Enabled && CreateTime == other.CreateTime &&
        UpdateTime == other.UpdateTime && ConditionTime == other.ConditionTime && Status == other.Status;

    public override int GetHashCode() => HashCode.Combine(Name, Failures, Window, RateLimit, Channels.Count, Jobs.Count, Enabled, Status);
}
