using Belfry.Storage.ContractTests;
using Belfry.Testing.Postgres;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Belfry.Storage.Postgres.Tests;

/// <summary>Migration 0011 (the per-day run counts) on a database that already has a history: its backfill.</summary>
public sealed class RunCountsMigrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MigrateAsync_HistoryWrittenBefore0011_CountsEqualTheFinishedExecutionsOfTheJobs()
    {
        await using var database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 15, 12, 0, 0, TimeSpan.Zero));
        await using (var store = await PostgresStores.OpenAsync(database.ConnectionString, "node-a", time, Ct))
        {
            await RunCountsBackfill.WriteAsync(store.Jobs, store.Queue, Ct);
        }

        // The database as 0010 left it, its history kept.
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync(Ct);
            await using var undo = new NpgsqlCommand("""
                DROP TABLE job_run_counts;
                CREATE INDEX executions_finished_by_job ON executions (job_name, schedule_time, state, job_uid) WHERE state >= 2;
                DELETE FROM schema_migrations WHERE version = 11;
                """, connection);
            await undo.ExecuteNonQueryAsync(Ct);
        }

        await using var migrated = await PostgresStores.OpenAsync(database.ConnectionString, "node-a", time, Ct);
        await RunCountsBackfill.AssertBackfilledAsync(migrated.Executions, Ct);
    }
}
