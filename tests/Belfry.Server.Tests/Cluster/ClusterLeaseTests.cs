using Belfry.Core.Storage;
using Belfry.Server.Dispatch;
using Belfry.Server.Tests.Infrastructure;
using Belfry.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Belfry.Server.Tests.Cluster;

/// <summary>
/// Issue 12, point 2: the owner renews its leases, and an expired lease is taken over with epoch + 1. Two real servers
/// in-process on one PostgreSQL database, one loopback target that holds its answer: node A sends a request that runs
/// far longer than a lease (6 s; the job's deadline is 3 minutes) and B, cycling all along, never takes it over while
/// A renews. Once A stops (its cycles no longer run, as when it dies), B takes it over within one lease of A's last
/// renewal, not after the deadline, and A's late result is fenced out.
/// </summary>
public sealed class ClusterLeaseTests : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(6);
    private readonly TwoNodeCluster _cluster = new();
    private readonly TaskCompletionSource<int> _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private RecordingTarget _target = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _target = await RecordingTarget.StartAsync();
        _target.Respond = (_, aborted) => _release.Task.WaitAsync(aborted);
    }

    public async ValueTask DisposeAsync()
    {
        _release.TrySetResult(200);
        await _cluster.DisposeAsync();
        await _target.DisposeAsync();
    }

    [Fact]
    public async Task LongRequest_RenewedByItsNodeThenNodeStops_TakenOverWithinOneLeaseWithEpochTwo()
    {
        var (a, b) = await _cluster.StartAsync(node => node.Settings["Belfry:Dispatch:LeaseDuration"] = "00:00:06");
        var apiA = new ApiClient(a.CreateClient());
        Assert.Equal(200, (await apiA.CreateAsync(apiA.Job("slow", _target.Url("/slow")))).Status);
        Assert.Equal(200, (await apiA.ActAsync("slow", "run")).Status);
        await a.Dispatcher.RunOnceAsync(Ct);
        await _target.WaitForRequestsAsync(1);
        var bLeases = b.Services.GetRequiredService<LeaseKeeper>();

        // Twenty seconds, more than three leases: A renews, and B's claims find nothing to take over.
        for (var step = 0; step < 10; step++)
        {
            _cluster.SetTime(a.Time.GetUtcNow() + TimeSpan.FromSeconds(2));
            await a.Dispatcher.RunOnceAsync(Ct);
            await b.Dispatcher.RunOnceAsync(Ct);
            Assert.Equal(0, bLeases.Count);
        }

        Assert.Single(_target.Requests);
        var lastRenewal = a.Time.GetUtcNow();

        // A stops: no more of its cycles. B takes the attempt over once the lease A renewed last runs out.
        DateTimeOffset? takenOverAt = null;
        for (var step = 0; step < 10 && takenOverAt is null; step++)
        {
            _cluster.SetTime(a.Time.GetUtcNow() + TimeSpan.FromSeconds(1));
            await b.Dispatcher.RunOnceAsync(Ct);

            // B holds what it claimed before the cycle returns; its request leaves just after.
            if (bLeases.Count > 0)
            {
                takenOverAt = b.Time.GetUtcNow();
            }
        }

        Assert.NotNull(takenOverAt);
        await _target.WaitForRequestsAsync(2);
        Assert.InRange(takenOverAt.Value - lastRenewal, Lease / 2, Lease + TimeSpan.FromSeconds(1));
        Assert.Equal(["1", "2"], _target.Requests.Select(r => r.Header("X-Belfry-Epoch")));

        _release.SetResult(200);
        await a.Dispatcher.WhenIdleAsync();
        await b.Dispatcher.WhenIdleAsync();
        Assert.Contains(a.Logs.Entries, e => e.EventId == 3);
        var (_, list) = await new ApiClient(b.CreateClient()).ExecutionsAsync("slow");
        var execution = Assert.Single(list["executions"]!.AsArray())!;
        Assert.Equal("SUCCEEDED", (string?)execution["state"]);
        Assert.Equal([2], execution["attempts"]!.AsArray().Select(x => (int)x!["epoch"]!));
    }

    [Fact]
    public async Task Cycle_RenewalDueWhileAnotherWriteHoldsTheRow_KeptAndTriedAgainSoonNotAtOnce()
    {
        var (a, _) = await _cluster.StartAsync(node => node.Settings["Belfry:Dispatch:LeaseDuration"] = "00:00:06");
        var api = new ApiClient(a.CreateClient());
        Assert.Equal(200, (await api.CreateAsync(api.Job("slow", _target.Url("/slow")))).Status);
        Assert.Equal(200, (await api.ActAsync("slow", "run")).Status);
        await a.Dispatcher.RunOnceAsync(Ct);
        await _target.WaitForRequestsAsync(1);
        var leases = a.Services.GetRequiredService<LeaseKeeper>();
        _cluster.SetTime(a.Time.GetUtcNow() + (Lease / 3));

        // As a group commit recording the row would: the renewal skips it rather than wait.
        await using (var other = new NpgsqlConnection(_cluster.ConnectionString))
        {
            await other.OpenAsync(Ct);
            await using var holding = await other.BeginTransactionAsync(Ct);
            await using (var hold = new NpgsqlCommand("SELECT id FROM executions FOR UPDATE", other, holding))
            {
                await hold.ExecuteNonQueryAsync(Ct);
            }

            var wake = await a.Dispatcher.RunOnceAsync(Ct);

            Assert.Equal(1, leases.Count);
            Assert.True(wake > a.Time.GetUtcNow(), $"a busy renewal must not make the cycle run again at once (wake {wake})");
            await holding.RollbackAsync(Ct);
        }

        _cluster.SetTime(a.Time.GetUtcNow() + TimeSpan.FromSeconds(1));
        await a.Dispatcher.RunOnceAsync(Ct);

        // Renewed now: past the first lease's end nobody may claim it.
        var store = a.Services.GetRequiredService<IDispatchQueue>();
        Assert.Empty(await store.ClaimDueAttemptsAsync(a.Time.GetUtcNow() + (Lease * 2 / 3), 10, Lease, Ct));
        Assert.Equal(1, leases.Count);
    }
}
