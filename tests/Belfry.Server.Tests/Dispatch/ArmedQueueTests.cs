using Belfry.Server.Dispatch;
using Belfry.Server.Tests.Infrastructure;
using Belfry.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Belfry.Server.Tests.Dispatch;

/// <summary>
/// The armed queue alone, no cycle: real claims (<see cref="ManualClaims"/>) armed by hand, sent through the real
/// <see cref="DeliveryRunner"/> over loopback with one send slot, so the order of requests is the order they left.
/// The clock is the fake one; the queue's timer fires as it passes.
/// </summary>
public sealed class ArmedQueueTests : IAsyncLifetime
{
    private readonly BelfryServerFactory _server = new();
    private RecordingTarget _target = null!;
    private ArmedQueue _queue = null!;
    private DeliveryRunner _runner = null!;
    private DispatchSignal _signal = null!;

    public async ValueTask InitializeAsync()
    {
        _target = await RecordingTarget.StartAsync();
        _server.Settings["Belfry:Dispatch:MaxInFlight"] = "1";
        _queue = _server.Services.GetRequiredService<ArmedQueue>();
        _runner = _server.Services.GetRequiredService<DeliveryRunner>();
        _signal = _server.Services.GetRequiredService<DispatchSignal>();
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _target.DisposeAsync();
    }

    private DateTimeOffset Now => _server.Time.GetUtcNow();

    [Fact]
    public async Task StartDue_ArmedOutOfOrder_SendsEarliestFirstOneSlotAtATime()
    {
        var claims = await ManualClaims.RunAndClaimAsync(_server, _target, "a", "b", "c");
        _queue.Arm([claims[0].At(Now.AddSeconds(-1)), claims[1].At(Now.AddSeconds(-3)), claims[2].At(Now.AddSeconds(-2))]);
        Assert.Equal(3, _queue.Count);
        Assert.Empty(_target.Requests);

        _queue.StartDue();
        await _runner.WhenIdleAsync();

        Assert.Equal(["/b", "/c", "/a"], _target.Requests.Select(r => r.Path));
        Assert.Equal(0, _queue.Count);
    }

    [Fact]
    public async Task StartDue_ArmedForLater_TimerSendsAtItsTimeNotBefore()
    {
        var claim = (await ManualClaims.RunAndClaimAsync(_server, _target, "later"))[0];
        var time = BelfryServerFactory.DefaultStart.AddSeconds(1);
        Assert.Equal(BelfryServerFactory.DefaultStart, Now);
        _queue.Arm([claim.At(time)]);

        _queue.StartDue();
        _server.Time.SetUtcNow(time.AddMilliseconds(-1));
        await _runner.WhenIdleAsync();
        Assert.Empty(_target.Requests);
        Assert.Equal(1, _queue.Count);

        _server.Time.SetUtcNow(time);
        await _runner.WhenIdleAsync();

        var request = Assert.Single(_target.Requests);
        Assert.Equal("2027-01-01T09:00:01+09:00", request.Header("X-CloudScheduler-ScheduleTime"));
        Assert.Equal(0, _queue.Count);
    }

    [Fact]
    public async Task StartDue_JobChangedBeforeItsTime_WithdrawsOnlyWhatTheChangeCovers()
    {
        var claims = await ManualClaims.RunAndClaimAsync(_server, _target, "changed", "due-before-the-change");
        var time = Now.AddSeconds(1);
        _queue.Arm([claims[0].At(time), claims[1].At(time)]);
        _queue.StartDue();

        // A newer version from now on withdraws the first; the second's change takes effect only after its time.
        _signal.JobChanged(new JobChange(claims[0].Job.Name, claims[0].Job.Version + 1, Now));
        _signal.JobChanged(new JobChange(claims[1].Job.Name, claims[1].Job.Version + 1, time.AddSeconds(1)));
        _server.Time.SetUtcNow(time);
        await _runner.WhenIdleAsync();

        Assert.Equal(["/due-before-the-change"], _target.Requests.Select(r => r.Path));
        Assert.Equal(0, _queue.Count);
    }

    [Fact]
    public async Task Arm_JobDeletedBeforeTheClaimIsQueued_NotArmed()
    {
        var claim = (await ManualClaims.RunAndClaimAsync(_server, _target, "deleted"))[0];
        _signal.JobChanged(JobChange.Deleted(claim.Job.Name));

        _queue.Arm([claim]);
        _queue.StartDue();
        await _runner.WhenIdleAsync();

        Assert.Equal(0, _queue.Count);
        Assert.Empty(_target.Requests);
    }

    [Fact]
    public async Task Arm_ChangeTakenTwoCyclesAgo_NoLongerWithdraws()
    {
        var claim = (await ManualClaims.RunAndClaimAsync(_server, _target, "old-change"))[0];
        var ct = TestContext.Current.CancellationToken;
        _signal.JobChanged(JobChange.Deleted(claim.Job.Name));
        _queue.StartDue();

        _queue.BeginCycle(ct);
        _queue.Arm([claim]);
        Assert.Equal(0, _queue.Count);

        _queue.BeginCycle(ct);
        _queue.Arm([claim]);
        Assert.Equal(1, _queue.Count);
    }

    [Fact]
    public async Task StartDue_LeaseRanOutWhileArmed_GivenBackAndSentByTheNextCycleAsAttemptOne()
    {
        var claim = (await ManualClaims.RunAndClaimAsync(_server, _target, "expired"))[0];
        _queue.Arm([claim with { LeaseUntil = Now }]);

        _queue.StartDue();
        await _runner.WhenIdleAsync();

        Assert.Equal(0, _queue.Count);
        Assert.Empty(_target.Requests);
        Assert.Contains(_server.Logs.Entries, e => e.EventId == 8 && e.Values.Contains(claim.Execution.Id, StringComparison.Ordinal));

        // Issue 14, L12: never sent, so no retry is used up; the given-back claim's epoch is fenced out.
        await _server.DispatchAsync();
        var request = Assert.Single(_target.Requests);
        Assert.Equal(("1", "2"), (request.Header("X-Belfry-Attempt"), request.Header("X-Belfry-Epoch")));
        Assert.Contains(_server.Logs.Entries, e => e.EventId == 13 && e.Values.Contains(claim.Execution.Id, StringComparison.Ordinal));
    }
}
