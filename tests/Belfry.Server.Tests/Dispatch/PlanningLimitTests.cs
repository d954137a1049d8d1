using Belfry.Core.Planning;
using Belfry.Server.Tests.Infrastructure;
using Belfry.Testing;
using Microsoft.Data.Sqlite;

namespace Belfry.Server.Tests.Dispatch;

/// <summary>
/// Issue 10, M5, through the dispatcher and the real store: a catch-up after a day down fires and records a bounded
/// number of executions, and a job whose schedule cannot be planned is marked UPDATE_FAILED, not left enabled
/// without a schedule time.
/// </summary>
public sealed class PlanningLimitTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Midnight = BelfryServerFactory.DefaultStart;
    private readonly BelfryServerFactory _server = new();
    private RecordingTarget _target = null!;
    private ApiClient _api = null!;

    public async ValueTask InitializeAsync()
    {
        _target = await RecordingTarget.StartAsync();
        _api = new ApiClient(_server.CreateClient());
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _target.DisposeAsync();
    }

    [Fact]
    public async Task CatchUpAll_PerSecondJobAfterOneDayDown_AtMostTheCapFiresAndRowsAreBounded()
    {
        await _api.CreateAsync(_api.Job("per-second", _target.Url("/tick"), schedule: "* * * * * *", timeZone: "Etc/UTC",
            extra: """ "belfry":{"catchUpPolicy":"ALL","catchUpWindow":"86400s","overlapPolicy":"ALLOW"}"""));

        _server.Time.SetUtcNow(Midnight.AddDays(1));
        await _server.DispatchAsync();

        // 86,400 times: the last 60 s are on time and fire; of the 86,340 late ones the latest 100 fire, the 100
        // before them are recorded MISSED and the rest are counted in a log line.
        var (_, list) = await _api.SendAsync(HttpMethod.Get, _api.JobName("per-second") + "/executions?pageSize=500");
        var states = list["executions"]!.AsArray().GroupBy(e => (string)e!["state"]!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(OccurrencePlanner.MaxCatchUpFires + 60, _target.Requests.Count);
        Assert.Equal(new Dictionary<string, int> { ["SUCCEEDED"] = 160, ["MISSED"] = OccurrencePlanner.MaxMissedRecords }, states);
        Assert.Contains(_server.Logs.Entries, e => e.EventId == 9 && e.Values.Contains("86140", StringComparison.Ordinal));
        var (_, job) = await _api.GetAsync("per-second");
        Assert.Equal(("ENABLED", "2027-01-02T00:00:01Z"), ((string?)job["state"], (string?)job["scheduleTime"]));
    }

    [Fact]
    public async Task Plan_ZoneTheServerCannotLoad_JobMarkedUpdateFailedUntilUpdated()
    {
        await _api.CreateAsync(_api.Job("lost-zone", _target.Url("/sync"), schedule: "0 * * * *", timeZone: "Etc/UTC"));
        await _server.DisposeAsync();

        // As if the zone had been removed from tzdata since: the store holds what the planner cannot evaluate.
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(_server.DataDirectory, "belfry.db")};Pooling=False"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var update = connection.CreateCommand();
            update.CommandText = "UPDATE jobs SET time_zone = 'Mars/Olympus' WHERE job_id = 'lost-zone'";
            Assert.Equal(1, await update.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
        }

        await using var restarted = new BelfryServerFactory(_server.DataDirectory, Midnight.AddHours(1));
        var api = new ApiClient(restarted.CreateClient());
        await restarted.DispatchAsync();

        var (_, failed) = await api.GetAsync("lost-zone");
        Assert.Equal("UPDATE_FAILED", (string?)failed["state"]);
        Assert.Null(failed["scheduleTime"]);
        Assert.StartsWith("Belfry could not plan the schedule", (string?)failed["status"]!["message"], StringComparison.Ordinal);
        Assert.Empty(_target.Requests);

        var (status, recovered) = await api.SendAsync(HttpMethod.Patch, api.JobName("lost-zone") + "?updateMask=timeZone", """{"timeZone":"Asia/Tokyo"}""");

        Assert.Equal(200, status);
        Assert.Equal(("ENABLED", "2027-01-01T02:00:00Z"), ((string?)recovered["state"], (string?)recovered["scheduleTime"]));
    }
}
