using Belfry.Core.Jobs;
using Belfry.Core.Planning;
using Belfry.Core.Scheduling;
using Belfry.Storage.Sql;

namespace Belfry.Storage.Sqlite.Tests;

/// <summary>
/// The definition cache over rows of a real store file. Rows are changed behind the store's back, as another writer
/// (another node, later) would change them: the cache is never told (no <see cref="JobDefinitionCache.Forget"/>).
/// </summary>
public sealed class JobDefinitionCacheTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = OneJobStore.T0;
    private static readonly JobName Name = OneJobStore.Name;

    private readonly JobDefinitionCache _cache = new(SqliteDialect.Instance);
    private OneJobStore _one = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _one = await OneJobStore.OpenAsync(new InProcessStoreChanges(), Ct);

    public ValueTask DisposeAsync() => _one.DisposeAsync();

    [Fact]
    public async Task Read_RowMovedByTheDispatcherOnly_ServesTheCachedDefinitionWithTheNewState()
    {
        var first = await ReadAsync();

        // What planning and attempt recording write: schedule time, status, version; never the definition version.
        await ExecuteAsync($"UPDATE jobs SET version = version + 2, schedule_time = {T0.AddMinutes(10).UtcTicks}");
        var second = await ReadAsync();

        Assert.Same(first.HttpTarget, second.HttpTarget);
        Assert.Equal((first.Version + 2, T0.AddMinutes(10)), (second.Version, second.ScheduleTime));
    }

    [Fact]
    public async Task Read_DefinitionRewrittenWithoutForget_ReadsTheNewDefinition()
    {
        var first = await ReadAsync();
        Assert.Equal("https://target.test/old", first.HttpTarget.Uri);

        // A definition write, as an update from another node: a new update time, a new version and definition version.
        await ExecuteAsync($"UPDATE jobs SET uri = 'https://target.test/new', headers_json = '[]', version = version + 1, definition_version = definition_version + 1, user_update_time = {T0.AddSeconds(1).UtcTicks}");
        var second = await ReadAsync();

        Assert.Equal(("https://target.test/new", 0), (second.HttpTarget.Uri, second.HttpTarget.Headers.Count));
        Assert.Equal((first.Version + 1, T0.AddSeconds(1)), (second.Version, second.UserUpdateTime));
    }

    [Fact]
    public async Task Read_DefinitionRewrittenWithinTheSameClockTick_ReadsTheNewDefinition()
    {
        var first = await ReadAsync();

        // Two nodes' updates may carry the same update time (one clock tick, or a fake clock); the definition version
        // still differs.
        await ExecuteAsync("UPDATE jobs SET uri = 'https://target.test/same-tick', version = version + 1, definition_version = definition_version + 1");
        var second = await ReadAsync();

        Assert.Equal(first.UserUpdateTime, second.UserUpdateTime);
        Assert.Equal("https://target.test/same-tick", second.HttpTarget.Uri);
    }

    [Fact]
    public async Task DefinitionVersion_UserUpdateRaisesIt_PlanningAndRecordingDoNot()
    {
        var before = await DefinitionVersionAsync();

        var planned = await _one.Store.Queue.PlanDueJobsAsync(
            T0.AddMinutes(5), T0.AddMinutes(5), 10, TimeSpan.FromSeconds(30), due => OccurrencePlanner.Plan(due.ScheduleState, Schedule.Parse(due.Job.Schedule, due.Job.TimeZone), T0.AddMinutes(5)), Ct);
        Assert.NotEmpty(planned.Fired);
        var afterPlanning = await DefinitionVersionAsync();

        var job = await _one.Store.Jobs.GetJobAsync(Name, Ct);
        Assert.True(await _one.Store.Jobs.UpdateJobAsync(job! with { Description = "changed", UserUpdateTime = job.UserUpdateTime }, Ct));
        var afterUpdate = await DefinitionVersionAsync();

        Assert.Equal((before, before + 1), (afterPlanning, afterUpdate));
    }

    private async Task<long> DefinitionVersionAsync()
    {
        await using var connection = await _one.Store.Database.OpenConnectionAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT definition_version FROM jobs WHERE name = @name";
        command.Parameters.AddWithValue("@name", Name.FullName);
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    private async Task<Job> ReadAsync()
    {
        await using var connection = await _one.Store.Database.OpenConnectionAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {JobRows.Columns} FROM jobs j WHERE j.name = @name";
        command.Parameters.AddWithValue("@name", Name.FullName);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        return _cache.Read(Name.FullName, reader);
    }

    private async Task ExecuteAsync(string sql) => Assert.Equal(1, await _one.ExecuteAsync(sql, Ct));
}
