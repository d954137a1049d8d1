using Belfry.Server.Dispatch;
using Belfry.Server.Tests.Infrastructure;
using Belfry.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Belfry.Server.Tests.Dispatch;

/// <summary>
/// Issue 14, point 4: a claim this node will not send after all (it is stopping) is given back, so the attempt number
/// counts requests actually sent and no retry is used up. Real SQLite store, real loopback target; the jobs have one
/// retry (<see cref="ManualClaims"/>), so a wasted one would make the request attempt 2, the last.
/// </summary>
public sealed class UnsentClaimsTests : IAsyncLifetime
{
    private readonly BelfryServerFactory _server = new();
    private RecordingTarget _target = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _target = await RecordingTarget.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _target.DisposeAsync();
    }

    [Fact]
    public async Task Start_StoppingBeforeTheSend_GivenBackAndLaterSentAsAttemptOne()
    {
        var claim = (await ManualClaims.RunAndClaimAsync(_server, _target, "stopped"))[0];
        var runner = _server.Services.GetRequiredService<DeliveryRunner>();

        runner.Start(claim, new CancellationToken(canceled: true));
        await runner.WhenIdleAsync();
        await _server.Dispatcher.GiveBackUnsentAsync(Ct);

        Assert.Empty(_target.Requests);
        var api = new ApiClient(_server.CreateClient());
        var execution = Assert.Single((await api.ExecutionsAsync("stopped")).Body["executions"]!.AsArray())!;
        Assert.Equal("PENDING", (string?)execution["state"]);
        await _server.DispatchAsync();
        var request = Assert.Single(_target.Requests);
        Assert.Equal(("1", "2"), (request.Header("X-Belfry-Attempt"), request.Header("X-Belfry-Epoch")));
    }

    [Fact]
    public async Task GiveBackUnsent_ArmedWhenStopping_NothingSentThenSentAsAttemptOne()
    {
        var claim = (await ManualClaims.RunAndClaimAsync(_server, _target, "armed"))[0];
        var queue = _server.Services.GetRequiredService<ArmedQueue>();
        queue.Arm([claim.At(_server.Time.GetUtcNow().AddSeconds(1))]);

        await _server.Dispatcher.GiveBackUnsentAsync(Ct);

        Assert.Equal(0, queue.Count);
        Assert.Equal(0, _server.Services.GetRequiredService<LeaseKeeper>().Count);
        await _server.DispatchAsync();
        var request = Assert.Single(_target.Requests);
        Assert.Equal("1", request.Header("X-Belfry-Attempt"));
    }
}
