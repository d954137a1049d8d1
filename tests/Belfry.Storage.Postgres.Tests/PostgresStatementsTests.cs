using System.Text.RegularExpressions;
using Belfry.Storage.ContractTests;
using Belfry.Storage.Sql;
using Npgsql;
using NpgsqlTypes;

namespace Belfry.Storage.Postgres.Tests;

/// <summary>
/// The shared statements as PostgreSQL finishes them (<see cref="PostgresDialect.Statements"/>): the seams come out in
/// PostgreSQL's spelling, and every statement (<see cref="SqlStatementCatalog"/>) is prepared by the server against the
/// migrated schema, with each parameter typed as a PostgreSQL store will bind it (<see cref="ParameterType"/>).
/// </summary>
public sealed class PostgresStatementsTests(PostgresStoreDatabase database) : IClassFixture<PostgresStoreDatabase>
{
    private static readonly SqlStatements Statements = PostgresDialect.Statements;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void ClaimStatements_Postgres_LockOnlyTheClaimedTableAndSkipLockedRows()
    {
        Assert.EndsWith("LIMIT @max FOR UPDATE OF e SKIP LOCKED", Statements.Dispatch.ClaimDue, StringComparison.Ordinal);
        Assert.Contains("LIMIT @max FOR UPDATE OF notification_outbox SKIP LOCKED)", Statements.Outbox.Claim, StringComparison.Ordinal);
        Assert.Contains("WHERE id = ANY(@ids)", Statements.Dispatch.ClaimUpdate, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Dispatch.ClaimUpdate", "lease_until = @now + ((@lease) / 10) * interval '1 microsecond'")]
    [InlineData("Dispatch.RenewLeases", "lease_until = GREATEST(lease_until, @until)")]
    [InlineData("Jobs.RestoreScheduleTime", "schedule_time = LEAST(coalesce(schedule_time, @time), @time)")]
    [InlineData("MissedRuns.Watched", "s.watch_since IS DISTINCT FROM coalesce(j.missed_run_since, j.user_update_time)")]
    [InlineData("MissedRuns.Watched", "ORDER BY coalesce(s.next_check, '-infinity'::timestamptz), j.name")]
    [InlineData("Outbox.Claim", "lease_until END, insert_order")]
    [InlineData("PipelineRuns.Resume", "step_id = ANY(@steps)")]
    [InlineData("PipelineRuns.StepsOf", "s.execution_id = ANY(@ids)")]
    [InlineData("Executions.AttemptsOf", "execution_id = ANY(@ids)")]
    [InlineData("Executions.RunSummaries", "CAST(EXTRACT(EPOCH FROM e.finish_time - coalesce(e.first_attempt_time, e.finish_time)) * 10000000 AS bigint) AS duration")]
    public void DialectSeams_Postgres_ArePostgresSpellings(string statement, string fragment) =>
        Assert.Contains(fragment, SqlStatementCatalog.All(Statements).Single(s => s.Name == statement).Sql, StringComparison.Ordinal);

    [Fact]
    public async Task EveryStatement_MigratedSchema_Prepares()
    {
        await using var connection = await database.OpenAsync(Ct);
        var statements = SqlStatementCatalog.All(Statements).ToList();
        Assert.True(statements.Count > 50, $"only {statements.Count} statements found");
        var failures = new List<string>();
        foreach (var (name, sql) in statements)
        {
            Assert.DoesNotContain("{", sql, StringComparison.Ordinal);
            await using var command = new NpgsqlCommand(sql, connection);
            foreach (var parameter in Regex.Matches(sql, @"@(\w+)").Select(m => m.Groups[1].Value).Distinct())
            {
                command.Parameters.Add(new NpgsqlParameter(parameter, ParameterType(parameter)));
            }

            try
            {
                // Parse and analyse on the server: tables, columns, operators, parameter types and lock clauses.
                await command.PrepareAsync(Ct);
            }
            catch (PostgresException error)
            {
                failures.Add($"{name}: {error.MessageText}");
            }
        }

        Assert.Empty(failures);
    }

    /// <summary>
    /// The PostgreSQL type of parameter @<paramref name="parameter"/>, by its name (a name means one thing in every
    /// statement), as the shared row binders and the schema give it: instants timestamptz (the dialect), ticks, versions
    /// and epochs bigint, enums and counts integer, flags boolean, id lists text[], everything else text. A wrong guess
    /// fails the prepare (text against timestamptz has no operator), so this table cannot quietly hide a mistyped
    /// statement.
    /// </summary>
    private static NpgsqlDbType ParameterType(string parameter) => parameter switch
    {
        "afterTime" or "changed" or "createTime" or "deferred" or "finishTime" or "firingSince" or "forgetBefore" or "from"
            or "horizon" or "lastAttemptTime" or "lastNotify" or "leaseUntil" or "missedFrom" or "missedRunSince"
            or "nextAttemptTime" or "nextCheck" or "before" or "now" or "scheduleTime" or "since" or "time" or "updateTime" or "conditionTime"
            or "userUpdateTime" or "watermark" or "startTime" or "until" => NpgsqlDbType.TimestampTz,
        "maxRetryDuration" or "minBackoff" or "maxBackoff" or "attemptDeadline" or "catchUpWindow" or "missedRunDeadline"
            or "rateLimit" or "window" or "lease" or "version" or "definitionVersion" or "clockOffset" or "forgetAfter" => NpgsqlDbType.Bigint,
        "state" or "attempt" or "position" or "trigger" or "kind" or "limit" or "max" or "maxJobs" or "failures"
            or "statusCode" or "secretSource" or "urlSource" or "httpMethod" or "retryCount" or "maxDoublings"
            or "overlapPolicy" or "catchUpPolicy" or "inFlight" => NpgsqlDbType.Integer,
        "failed" or "enabled" or "firing" => NpgsqlDbType.Boolean,
        "body" or "privateKey" => NpgsqlDbType.Bytea,
        "ids" or "steps" or "keys" => NpgsqlDbType.Array | NpgsqlDbType.Text,
        _ => NpgsqlDbType.Text,
    };
}
