namespace Belfry.AspNetCore.Ledger;

/// <summary>
/// The answer to a claim: <see cref="Lease"/> when <see cref="ClaimOutcome.Claimed"/>, otherwise the row that
/// refused it in <see cref="Entry"/>.
/// </summary>
internal sealed record ClaimResult(ClaimOutcome Outcome, RunLease? Lease, LedgerEntry? Entry)
{
    public static ClaimResult Claimed(RunLease lease) => new(ClaimOutcome.Claimed, lease, null);
}
