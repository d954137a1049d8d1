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
}
