using Belfry.AspNetCore.Ledger;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Belfry.AspNetCore.Tests.Infrastructure;

/// <summary>
/// The real ledger the options chose, except that a renewal throws while <see cref="FailRenewals"/> is set, as when the
/// database is unreachable or locked from outside. Everything else, renewals included once allowed again, is the real
/// ledger's.
/// </summary>
internal sealed class FailingRenewalLedger(IExecutionLedger inner) : IExecutionLedger
{
    private int _renewals;
    private int _refused;

    public bool FailRenewals { get; set; } = true;

    /// <summary>Renewals attempted, whether refused or passed on.</summary>
    public int Renewals => Volatile.Read(ref _renewals);

    /// <summary>Renewals this wrapper made throw.</summary>
    public int Refused => Volatile.Read(ref _refused);

    /// <summary>Replaces the SDK's ledger with one wrapped in this class, reachable afterwards as the service itself.</summary>
    public static void Register(IServiceCollection services) =>
        services.AddSingleton<IExecutionLedger>(provider =>
            new FailingRenewalLedger(LedgerFactory.Create(provider.GetRequiredService<IOptions<BelfryBatchOptions>>().Value.Ledger!)));

    public Task<ClaimResult> TryClaimAsync(ClaimRequest request, CancellationToken cancellationToken) =>
        inner.TryClaimAsync(request, cancellationToken);

    public Task<bool> RenewAsync(RunLease lease, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _renewals);
        if (FailRenewals)
        {
            Interlocked.Increment(ref _refused);
            throw new InvalidOperationException("injected: the ledger is unreachable");
        }

        return inner.RenewAsync(lease, leaseUntil, cancellationToken);
    }

    public Task<bool> CompleteAsync(RunLease lease, DateTimeOffset finishedAt, long rowCount, CancellationToken cancellationToken) =>
        inner.CompleteAsync(lease, finishedAt, rowCount, cancellationToken);

    public Task<bool> FailAsync(RunLease lease, DateTimeOffset finishedAt, string error, CancellationToken cancellationToken) =>
        inner.FailAsync(lease, finishedAt, error, cancellationToken);

    public Task<LedgerEntry?> GetAsync(string jobName, string runKey, CancellationToken cancellationToken) =>
        inner.GetAsync(jobName, runKey, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
