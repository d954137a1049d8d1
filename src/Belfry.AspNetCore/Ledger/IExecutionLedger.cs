namespace Belfry.AspNetCore.Ledger;

/// <summary>
/// The execution ledger: one row per (job name, run key) in <c>job_executions</c>. Claiming is one atomic statement,
/// so two concurrent duplicates never both run; every later write is fenced by the claim's epoch. "Now" is always
/// given by the caller (its <see cref="TimeProvider"/>), never read from the database clock.
/// </summary>
internal interface IExecutionLedger : IAsyncDisposable
{
    /// <summary>
    /// Takes the run if it has no row, its row failed, or its row is running under an expired lease (bumping the
    /// epoch); otherwise reports the row that is in the way.
    /// </summary>
    Task<ClaimResult> TryClaimAsync(ClaimRequest request, CancellationToken cancellationToken);

    /// <summary>Extends a running claim's lease; <see langword="false"/> when the claim is no longer current.</summary>
    Task<bool> RenewAsync(RunLease lease, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>Records success with a row count; <see langword="false"/> when the claim is no longer current.</summary>
    Task<bool> CompleteAsync(RunLease lease, DateTimeOffset finishedAt, long rowCount, CancellationToken cancellationToken);

    /// <summary>Records failure with a message; <see langword="false"/> when the claim is no longer current.</summary>
    Task<bool> FailAsync(RunLease lease, DateTimeOffset finishedAt, string error, CancellationToken cancellationToken);

    /// <summary>Reads one row, or <see langword="null"/> when the run was never claimed.</summary>
    Task<LedgerEntry?> GetAsync(string jobName, string runKey, CancellationToken cancellationToken);
}
