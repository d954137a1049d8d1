using Belfry.Core.Storage;
using Belfry.Server.Tests.Infrastructure;
using Belfry.Storage.Sqlite;
using Belfry.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Belfry.Server.Tests.Api;

/// <summary>
/// A user's update, pause or resume racing the dispatcher on a per-second job (issue 12: with several nodes planning,
/// every write used to lose to a plan and the user got ABORTED). The dispatcher plans right before each write, after
/// the API read the job (<see cref="UpdateHookJobStore"/>); the write is fenced on the definition version, which plans
/// do not raise, so it succeeds at its first try. Another user's write in the same place still conflicts.
/// <code>
///   00:00:00 create (first time 00:00:01) ── read ── 00:00:01 plan and send 00:00:01 ── write ── 00:00:02 next plan
/// </code>
/// </summary>
public sealed class JobUpdateRacesTests : IAsyncLifetime
{
    private readonly BelfryServerFactory _server = new();
    private UpdateHookJobStore _jobs = null!;
    private RecordingTarget _target = null!;
    private ApiClient _api = null!;

    public async ValueTask InitializeAsync()
    {
        _target = await RecordingTarget.StartAsync();
        _server.ConfigureServices = services =>
            services.AddSingleton<IJobStore>(sp => _jobs = new UpdateHookJobStore(sp.GetRequiredService<SqliteStores>().Jobs));
        _api = new ApiClient(_server.CreateClient());
        var (status, _) = await _api.CreateAsync(_api.Job("busy", _target.Url("/sync"), schedule: "* * * * * *", timeZone: "Etc/UTC"));
        Assert.Equal(200, status);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _target.DisposeAsync();
    }

    [Fact]
    public async Task Update_DispatcherPlansBeforeEveryWrite_WrittenAtTheFirstTryKeepingTheDispatchersScheduleTime()
    {
        _jobs.BeforeUpdate = PlanNextSecondAsync;

        var (status, job) = await _api.SendAsync(HttpMethod.Patch, _api.JobName("busy") + "?updateMask=description", """{"description":"changed"}""");

        Assert.Equal(200, status);
        Assert.Equal(1, _jobs.Updates);
        Assert.Equal(("changed", "2027-01-01T00:00:02Z"), ((string?)job["description"], (string?)job["scheduleTime"]));

        // The time the plan sent is not planned again from a schedule time put back by the write.
        _jobs.BeforeUpdate = null;
        await CycleAtAsync(BelfryServerFactory.DefaultStart.AddSeconds(2));
        Assert.Equal(["2027-01-01T00:00:01+00:00", "2027-01-01T00:00:02+00:00"], SentScheduleTimes());
    }

    [Fact]
    public async Task Pause_DispatcherPlansBeforeEveryWrite_PausedAtTheFirstTryAndNothingSentAfter()
    {
        _jobs.BeforeUpdate = PlanNextSecondAsync;

        var (status, job) = await _api.ActAsync("busy", "pause");

        Assert.Equal(200, status);
        Assert.Equal(1, _jobs.Updates);
        Assert.Equal("PAUSED", (string?)job["state"]);
        Assert.Null(job["scheduleTime"]);
        _jobs.BeforeUpdate = null;
        await CycleAtAsync(BelfryServerFactory.DefaultStart.AddSeconds(5));
        Assert.Equal(["2027-01-01T00:00:01+00:00"], SentScheduleTimes());
    }

    [Fact]
    public async Task Update_AnotherUserWritesBeforeTheWrite_RefusedThenComputedAgainFromAFreshRead()
    {
        _jobs.BeforeUpdate = async () =>
        {
            _jobs.BeforeUpdate = null;
            var (other, _) = await _api.SendAsync(HttpMethod.Patch, _api.JobName("busy") + "?updateMask=description", """{"description":"other writer"}""");
            Assert.Equal(200, other);
        };

        var (status, job) = await _api.SendAsync(
            HttpMethod.Patch, _api.JobName("busy") + "?updateMask=httpTarget.uri", $$$"""{"httpTarget":{"uri":"{{{_target.Url("/new")}}}"}}""");

        // Three writes: the other user's, ours refused, ours again on a read that has the other user's change.
        Assert.Equal(200, status);
        Assert.Equal(3, _jobs.Updates);
        Assert.Equal(("other writer", _target.Url("/new")), ((string?)job["description"], (string?)job["httpTarget"]!["uri"]));
    }

    /// <summary>The dispatcher's next second: the clock moves on one second and a cycle plans and sends what is due.</summary>
    private Task PlanNextSecondAsync() => CycleAtAsync(_server.Time.GetUtcNow().AddSeconds(1));

    private async Task CycleAtAsync(DateTimeOffset now)
    {
        _server.Time.SetUtcNow(now);
        await _server.DispatchAsync();
    }

    private List<string> SentScheduleTimes() =>
        _target.Requests.Select(r => r.Header("X-CloudScheduler-ScheduleTime")).Order(StringComparer.Ordinal).ToList();
}
