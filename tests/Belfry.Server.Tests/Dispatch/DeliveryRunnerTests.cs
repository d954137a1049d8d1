using Belfry.Core.Storage;
using Belfry.Server.Dispatch;
using Belfry.Server.Tests.Infrastructure;
using Belfry.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Belfry.Server.Tests.Dispatch;

/// <summary>
/// The delivery runner alone, no cycle: real claims (<see cref="ManualClaims"/>) started by hand, sent over loopback
/// with two send slots, and recorded in the real SQLite store. The fake clock stands still unless a test moves it.
/// </summary>
public sealed class DeliveryRunnerTests : IAsyncLifetime
{
    private readonly BelfryServerFactory _server = new();
    private RecordingTarget _target = null!;
    private DeliveryRunner _runner = null!;
    private ApiClient _api = null!;

    public async ValueTask InitializeAsync()
    {
        _target = await RecordingTarget.StartAsync();
        _server.Settings["Belfry:Dispatch:MaxInFlight"] = "2";
        _api = new ApiClient(_server.CreateClient());
        _runner = _server.Services.GetRequiredService<DeliveryRunner>();
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _target.DisposeAsync();
    }

    [Fact]
    public async Task Start_RequestsAwaitingAnswers_EachHoldsASlotUntilAnswered()
    {
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        _target.Respond = (_, aborted) => release.Task.WaitAsync(aborted);
        var claims = await ManualClaims.RunAndClaimAsync(_server, _target, "a", "b");
        var ct = TestContext.Current.CancellationToken;

        _runner.Start(claims[0], ct);
        Assert.Equal((1, false), (_runner.FreeSlots, _runner.AtCapacity));
        _runner.Start(claims[1], ct);
        Assert.Equal((0, true), (_runner.FreeSlots, _runner.AtCapacity));
        await _target.WaitForRequestsAsync(2);
        Assert.True(_runner.AtCapacity);

        release.SetResult(200);
        await _runner.WhenIdleAsync();

        Assert.Equal((2, false), (_runner.FreeSlots, _runner.AtCapacity));
    }

    [Fact]
    public async Task Start_SlotFreedWhileAnArmedExecutionWaits_StartsItWithoutACycle()
    {
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        _target.Respond = (_, aborted) => release.Task.WaitAsync(aborted);
        var claims = await ManualClaims.RunAndClaimAsync(_server, _target, "a", "b", "waiting");
        var queue = _server.Services.GetRequiredService<ArmedQueue>();
        var ct = TestContext.Current.CancellationToken;
        _runner.Start(claims[0], ct);
        _runner.Start(claims[1], ct);
        queue.Arm([claims[2]]);
        queue.StartDue();
        await _target.WaitForRequestsAsync(2);
        Assert.Equal(1, queue.Count);

        release.SetResult(200);
        await _runner.WhenIdleAsync();

        Assert.Equal(0, queue.Count);
        Assert.Equal(["/a", "/b", "/waiting"], _target.Requests.Select(r => r.Path).Order());
    }

    [Theory]
    [InlineData(204, "SUCCEEDED", null)]
    [InlineData(503, "PENDING", "2027-01-01T00:00:05Z")]
    public async Task Start_TargetAnswers_AttemptRecordedWithItsRetry(int status, string state, string? nextAttempt)
    {
        _target.Respond = (_, _) => Task.FromResult(status);
        var claim = (await ManualClaims.RunAndClaimAsync(_server, _target, "recorded"))[0];

        _runner.Start(claim, TestContext.Current.CancellationToken);
        await _runner.WhenIdleAsync();

        var (_, list) = await _api.ExecutionsAsync("recorded");
        var execution = Assert.Single(list["executions"]!.AsArray())!;
        Assert.Equal(state, (string?)execution["state"]);
        Assert.Equal(nextAttempt, (string?)execution["nextAttemptTime"]);
        Assert.Equal([status], execution["attempts"]!.AsArray().Select(a => (int)a!["statusCode"]!));
    }

    [Fact]
    public async Task Start_ClaimTakenOverMeanwhile_ResultDroppedAndLogged()
    {
        var claim = (await ManualClaims.RunAndClaimAsync(_server, _target, "taken-over"))[0];
        _server.Time.SetUtcNow(claim.LeaseUntil.AddSeconds(1));
        var store = _server.Services.GetRequiredService<IDispatchQueue>();
        var takeover = Assert.Single(await store.ClaimDueAttemptsAsync(_server.Time.GetUtcNow(), 10, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        Assert.True(takeover.Epoch > claim.Epoch);

        _runner.Start(claim, TestContext.Current.CancellationToken);
        await _runner.WhenIdleAsync();

        Assert.Single(_target.Requests);
        Assert.Contains(_server.Logs.Entries, e => e.EventId == 3 && e.Values.Contains(claim.Execution.Id, StringComparison.Ordinal));
        var (_, list) = await _api.ExecutionsAsync("taken-over");
        var execution = Assert.Single(list["executions"]!.AsArray())!;
        Assert.Equal("RUNNING", (string?)execution["state"]);
        Assert.Empty(execution["attempts"]?.AsArray() ?? []);
    }
}
