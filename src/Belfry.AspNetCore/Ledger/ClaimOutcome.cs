namespace Belfry.AspNetCore.Ledger;

/// <summary>What a claim found: the run is ours now, it already succeeded, or another attempt holds a live lease.</summary>
internal enum ClaimOutcome
{
    Claimed,
    AlreadySucceeded,
    Running,
}
