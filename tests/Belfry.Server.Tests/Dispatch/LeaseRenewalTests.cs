using Belfry.Core.Storage;
using Belfry.Server.Dispatch;
using Belfry.Server.Tests.Infrastructure;
using Belfry.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Belfry.Server.Tests.Dispatch;

/// <summary>
/// Issue 12, point 2: leases are short and their owner renews them. A request that takes longer than several leases
/// (the job's deadline is 3 minutes, the lease 6 s) stays with the node that sent it: each cycle renews before it
/// claims, so the node never takes over its own attempt. A lease the store no longer renews (taken over elsewhere)
/// is forgotten, and its result is fenced out. Real SQLite store, real loopback target, a fake clock moved by hand.
/// </summary>
public sealed class LeaseRenewalTests : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(6);
    private readonly BelfryServerFactory _server = new();
    private readonly TaskCompletionSource<int> _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private RecordingTarget _target = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _target = await RecordingTarget.StartAsync();
        _target.Respond = (_, aborted) => _release.Task.WaitAsync(aborted);
        _server.Settings["Belfry:Dispatch:LeaseDuration"] = "00:00:06";
    }

    public async ValueTask DisposeAsync()
    {
        _release.TrySetResult(200);
        await _server.DisposeAsync();
        await _target.DisposeAsync();
    }

    [Fact]
    public async Task Cycles_RequestOutlastsManyLeases_RenewedAndSentOnce()
    {
        var api = new ApiClient(_server.CreateClient());
        Assert.Equal(200, (await api.CreateAsync(api.Job("slow", _target.Url("/slow")))).Status);
        Assert.Equal(200, (await api.ActAsync("slow", "run")).Status);
        await _server.Dispatcher.RunOnceAsync(Ct);
        await _target.WaitForRequestsAsync(1);
        var leases = _server.Services.GetRequiredService<LeaseKeeper>();
        Assert.Equal(1, leases.Count);

        // Five leases' worth of time in steps of a third of one: without renewal the second step's claim would
        // take the execution over (epoch 2) and send it again.
        for (var step = 0; step < 15; step++)
        {
            _server.Time.Advance(Lease / 3);
            var wake = await _server.Dispatcher.RunOnceAsync(Ct);
            Assert.True(wake <= _server.Time.GetUtcNow() + Lease, $"the cycle must wake for the renewal, not at {wake}");
        }

        var store = _server.Services.GetRequiredService<IDispatchQueue>();
        Assert.Empty(await store.ClaimDueAttemptsAsync(_server.Time.GetUtcNow(), 10, Lease, Ct));
        _release.SetResult(200);
        await _server.Dispatcher.WhenIdleAsync();

        var request = Assert.Single(_target.Requests);
        Assert.Equal("1", request.Header("X-Belfry-Epoch"));
        var (_, list) = await api.ExecutionsAsync("slow");
        var execution = Assert.Single(list["executions"]!.AsArray())!;
        Assert.Equal("SUCCEEDED", (string?)execution["state"]);
        Assert.Equal(0, leases.Count);
    }

    [Fact]
    public async Task Cycle_LeaseTakenOverElsewhereMeanwhile_ForgottenAndResultFencedOut()
    {
        var claim = (await ManualClaims.RunAndClaimAsync(_server, _target, "lost"))[0];
        var runner = _server.Services.GetRequiredService<DeliveryRunner>();
        runner.Start(claim, Ct);
        await _target.WaitForRequestsAsync(1);

        // Another node takes it over after the lease ran out unrenewed (no cycle ran here meanwhile).
        _server.Time.SetUtcNow(claim.LeaseUntil);
        var store = _server.Services.GetRequiredService<IDispatchQueue>();
        var takeover = Assert.Single(await store.ClaimDueAttemptsAsync(claim.LeaseUntil, 10, Lease, Ct));
        Assert.Equal(claim.Epoch + 1, takeover.Epoch);

        await _server.Dispatcher.RunOnceAsync(Ct);
        var leases = _server.Services.GetRequiredService<LeaseKeeper>();
        Assert.Equal(0, leases.Count);
        Assert.Contains(_server.Logs.Entries, e => e.EventId == 11 && e.Values.Contains(claim.Execution.Id, StringComparison.Ordinal));

        _release.SetResult(200);
        await _server.Dispatcher.WhenIdleAsync();
        Assert.Contains(_server.Logs.Entries, e => e.EventId == 3 && e.Values.Contains(claim.Execution.Id, StringComparison.Ordinal));
    }
}
