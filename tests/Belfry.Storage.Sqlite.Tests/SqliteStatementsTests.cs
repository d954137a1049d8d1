using Belfry.Storage.ContractTests;
using Belfry.Storage.Sql;
using Microsoft.Extensions.Time.Testing;

namespace Belfry.Storage.Sqlite.Tests;

/// <summary>
/// The shared statements as SQLite finishes them (<see cref="SqliteDialect.Statements"/>): the seams come out as SQLite
/// spelled them before they were shared, and every statement compiles against the migrated schema.
/// </summary>
public sealed class SqliteStatementsTests
{
    private static readonly SqlStatements Statements = SqliteDialect.Statements;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void ClaimStatements_Sqlite_ReadIdsWithJsonEachAndTakeNoRowLock()
    {
        Assert.Contains("WHERE id IN (SELECT value FROM json_each(@ids))", Statements.Dispatch.ClaimUpdate, StringComparison.Ordinal);
        Assert.EndsWith("LIMIT @max", Statements.Dispatch.ClaimDue, StringComparison.Ordinal);
        Assert.Contains("LIMIT @max)", Statements.Outbox.Claim, StringComparison.Ordinal);
        Assert.DoesNotContain("FOR UPDATE", Statements.Dispatch.ClaimDue, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("FOR UPDATE", Statements.Outbox.Claim, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("Dispatch.ClaimUpdate", "lease_until = @now + @lease\n")]
    [InlineData("Dispatch.RenewLeases", "lease_until = max(lease_until, @until)")]
    [InlineData("Jobs.RestoreScheduleTime", "schedule_time = min(coalesce(schedule_time, @time), @time)")]
    [InlineData("MissedRuns.Watched", "s.watch_since IS NOT coalesce(j.missed_run_since, j.user_update_time)")]
    [InlineData("MissedRuns.Watched", "ORDER BY coalesce(s.next_check, 0), j.name")]
    [InlineData("Outbox.Claim", "lease_until END, rowid")]
    [InlineData("PipelineRuns.Resume", "step_id IN (SELECT value FROM json_each(@steps))")]
    [InlineData("PipelineRuns.StepsOf", "s.execution_id IN (SELECT value FROM json_each(@ids))")]
    [InlineData("Executions.AttemptsOf", "execution_id IN (SELECT value FROM json_each(@ids))")]
    [InlineData("Executions.RunSummaries", "(e.finish_time - coalesce(e.first_attempt_time, e.finish_time)) AS duration")]
    public void DialectSeams_Sqlite_AreSqliteSpellings(string statement, string fragment) =>
        Assert.Contains(fragment, AllStatements().Single(s => s.Name == statement).Sql, StringComparison.Ordinal);

    [Fact]
    public void Statements_Sqlite_BuiltOnceNotPerCall() =>
        Assert.Same(SqliteDialect.Statements.Dispatch.ClaimUpdate, SqliteDialect.Statements.Dispatch.ClaimUpdate);

    [Fact]
    public async Task EveryStatement_MigratedSchema_Compiles()
    {
        var directory = Directory.CreateTempSubdirectory("belfry-statements-").FullName;
        try
        {
            await using var stores = await SqliteStores.OpenAsync(directory, new FakeTimeProvider(), Ct);
            await using var connection = await stores.Database.OpenConnectionAsync(Ct);
            var statements = AllStatements().ToList();
            Assert.True(statements.Count > 50, $"only {statements.Count} statements found");
            foreach (var (name, sql) in statements)
            {
                Assert.DoesNotContain("{", sql, StringComparison.Ordinal);
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
                var error = Record.Exception(command.Prepare);
                Assert.True(error is null, $"{name}: {error?.Message}");
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static IEnumerable<(string Name, string Sql)> AllStatements() => SqlStatementCatalog.All(Statements);
}
