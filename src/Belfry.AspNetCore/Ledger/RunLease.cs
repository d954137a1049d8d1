namespace Belfry.AspNetCore.Ledger;

/// <summary>
/// Proof of a claim: every later write names the row and carries <see cref="Epoch"/> and <see cref="ClaimToken"/>, and
/// only applies while both still match, so a stale attempt cannot overwrite a newer one.
/// </summary>
internal sealed record RunLease(string JobName, string RunKey, long Epoch, string ClaimToken);
