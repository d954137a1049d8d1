using Belfry.Core.Jobs;
using Belfry.Core.Storage;
using Belfry.Server.Dispatch;
using Belfry.Server.Tests.Infrastructure;
using Belfry.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Belfry.Server.Tests.Dispatch;

/// <summary>
/// The dispatcher hears of changes from the store alone (issue 11, point 3): these tests write through
/// <see cref="IJobStore"/>, never through the API, as another node would. The job runs every minute in UTC; its
/// first time T is 00:01:00, armed by a cycle at 00:00:59 (as in <see cref="ArmAheadTests"/>).
/// </summary>
public sealed class DispatchSignalTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T = BelfryServerFactory.DefaultStart.AddMinutes(1);
    private static readonly JobName Name = new LocationName("belfry-test", "us-central1").Job("store-only");
    private readonly BelfryServerFactory _server = new();
    private RecordingTarget _target = null!;
    private IJobStore _store = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _target = await RecordingTarget.StartAsync();
        _store = _server.Services.GetRequiredService<IJobStore>();
        await _store.CreateJobAsync(new Job
        {
            Name = Name,
            Schedule = "* * * * *",
            HttpTarget = new HttpTarget(_target.Url("/old"), HttpMethodKind.Post, [], ReadOnlyMemory<byte>.Empty, null),
            State = JobState.Enabled,
            ScheduleTime = T,
            UserUpdateTime = BelfryServerFactory.DefaultStart,
            MissedRunSince = BelfryServerFactory.DefaultStart,
        }, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _target.DisposeAsync();
    }

    [Fact]
    public async Task WaitAsync_ManualRunWrittenToTheStore_WakesTheLoop()
    {
        // The signal is the dispatcher's from start-up, so it heard the job's creation (written to the store) too.
        var signal = _server.Services.GetRequiredService<DispatchSignal>();
        var created = signal.WaitAsync(Ct);
        Assert.True(created.IsCompleted);
        await created;

        var woken = signal.WaitAsync(Ct);
        Assert.False(woken.IsCompleted);
        await _store.CreateManualExecutionAsync(Name, _server.Time.GetUtcNow(), Ct);

        // A pending read completes on the thread pool, so awaited (bounded: without the store's change it never would).
        await woken.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await _server.DispatchAsync();
        Assert.Equal(["/old"], _target.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task Armed_ThenUriUpdatedInTheStoreAndTheTimeComesBeforeACycle_SentOnceToTheNewUri()
    {
        _server.Time.SetUtcNow(T.AddSeconds(-1));
        await _server.DispatchAsync();
        Assert.Equal(1, _server.Dispatcher.Armed);

        // No API: the store's change alone must withdraw the armed time before its timer fires.
        var job = (await _store.GetJobAsync(Name, Ct))!;
        var moved = job with
        {
            HttpTarget = job.HttpTarget with { Uri = _target.Url("/new") },
            UserUpdateTime = _server.Time.GetUtcNow(),
        };
        Assert.True(await _store.UpdateJobAsync(moved, Ct));
        _server.Time.SetUtcNow(T);
        await _server.Dispatcher.WhenIdleAsync();
        Assert.Empty(_target.Requests);

        _server.Time.SetUtcNow(T.AddMilliseconds(500));
        await _server.DispatchAsync();
        _server.Time.SetUtcNow(T.AddSeconds(1));
        await _server.DispatchAsync();

        var request = Assert.Single(_target.Requests);
        Assert.Equal(("/new", "2027-01-01T00:01:00+00:00"), (request.Path, request.Header("X-CloudScheduler-ScheduleTime")));
    }

    [Fact]
    public async Task Armed_ThenDeletedInTheStore_NothingSent()
    {
        _server.Time.SetUtcNow(T.AddSeconds(-1));
        await _server.DispatchAsync();
        Assert.Equal(1, _server.Dispatcher.Armed);

        Assert.True(await _store.DeleteJobAsync(Name, Ct));
        _server.Time.SetUtcNow(T);
        await _server.Dispatcher.WhenIdleAsync();
        _server.Time.SetUtcNow(T.AddMinutes(10));
        await _server.DispatchAsync();

        Assert.Empty(_target.Requests);
        Assert.Equal(0, _server.Dispatcher.Armed);
    }
}
