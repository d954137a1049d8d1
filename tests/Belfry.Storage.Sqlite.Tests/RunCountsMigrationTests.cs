using Belfry.Storage.ContractTests;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Belfry.Storage.Sqlite.Tests;

/// <summary>Migration 0017 (the per-day run counts) on a file that already has a history: its backfill.</summary>
public sealed class RunCountsMigrationTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("belfry-0017-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    [Fact]
    public async Task Open_HistoryWrittenBefore0017_CountsEqualTheFinishedExecutionsOfTheJobs()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 15, 12, 0, 0, TimeSpan.Zero));
        await using (var store = await SqliteStores.OpenAsync(_dataDirectory, time, Ct))
        {
            await RunCountsBackfill.WriteAsync(store.Jobs, store.Queue, Ct);
        }

        // The file as 0016 left it, its history kept.
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(_dataDirectory, SqliteDatabase.FileName)};Pooling=False"))
        {
            await connection.OpenAsync(Ct);
            await using var undo = connection.CreateCommand();
            undo.CommandText = """
                DROP TABLE job_run_counts;
                CREATE INDEX executions_finished_by_job ON executions (job_name, schedule_time, state, job_uid) WHERE state >= 2;
                DELETE FROM schema_migrations WHERE version = 17;
                """;
            await undo.ExecuteNonQueryAsync(Ct);
        }

        await using var migrated = await SqliteStores.OpenAsync(_dataDirectory, time, Ct);
        await RunCountsBackfill.AssertBackfilledAsync(migrated.Executions, Ct);
    }
}
