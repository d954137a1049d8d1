namespace Belfry.Contracts.Jobs;

/// <summary>Belfry-only job settings.</summary>
public sealed class BelfrySettingsResource
{
    /// <summary>COALESCE (default), SKIP or ALLOW.</summary>
    public OverlapPolicyWire? OverlapPolicy { get; set; }

    /// <summary>LATEST (default), ALL or NONE.</summary>
    public CatchUpPolicyWire? CatchUpPolicy { get; set; }

    /// <summary>How far back missed times may still fire after downtime; default 3600s.</summary>
    public string? CatchUpWindow { get; set; }

    /// <summary>Channels (ids in the job's location, or full names) told when an execution fails after its last retry, and of missed runs. Answered as full names.</summary>
    public List<string>? NotifyOnFailure { get; set; }

    /// <summary>Channels told of the first success after a failure, and when a missed run is resolved.</summary>
    public List<string>? NotifyOnRecovery { get; set; }

    /// <summary>Channels told of every success (opt-in).</summary>
    public List<string>? NotifyOnSuccess { get; set; }

    /// <summary>The dead-man's switch: each scheduled time must see a successful execution within this duration, e.g. <c>"1800s"</c>; absent: off.</summary>
    public string? MissedRunDeadline { get; set; }
}
