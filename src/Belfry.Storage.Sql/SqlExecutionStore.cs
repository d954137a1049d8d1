using System.Globalization;
using Belfry.Core.Executions;
using Belfry.Core.Jobs;
using Belfry.Core.Reports;
using Belfry.Core.Storage;

namespace Belfry.Storage.Sql;

internal sealed partial class SqlExecutionStore(SqlDatabase database) : IExecutionStore
{
    private const string ExecutionPageKind = "executions.v1";

    public Task<ExecutionPage> ListExecutionsAsync(JobName name, int pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        var after = PageToken.Decode(pageToken, ExecutionPageKind, name.FullName, keyParts: 2);
        // The first page starts after (max, ""): later than any instant, so one keyset query serves every page. The
        // token carries UTC ticks; bound as an instant, in the dialect's encoding.
        var afterScheduleTime = DateTimeOffset.MaxValue;
        if (after is not null)
        {
            afterScheduleTime = long.TryParse(after[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTimeOffset.MaxValue.UtcTicks
                ? new DateTimeOffset(ticks, TimeSpan.Zero)
                : throw new InvalidPageTokenException();
        }

        var size = PageToken.ClampPageSize(pageSize);
        return database.ReadAsync(async transaction =>
        {
            await using var command = transaction.Command(ExecutionSql.ListPage)
                .With("@name", name.FullName)
                .With("@afterTime", transaction.Dialect.Instant(afterScheduleTime))
                .With("@afterId", after?[1] ?? "")
                .With("@limit", size + 1);
            var executions = new List<Execution>(size + 1);
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    executions.Add(ExecutionRows.Read(reader, 0, transaction.Dialect, name));
                }
            }

            string? nextPageToken = null;
            if (executions.Count > size)
            {
                executions.RemoveAt(size);
                var last = executions[^1];
                nextPageToken = PageToken.Encode(ExecutionPageKind, name.FullName,
                    last.ScheduleTime.UtcTicks.ToString(CultureInfo.InvariantCulture), last.Id);
            }

            if (executions.Count == 0)
            {
                return new ExecutionPage(executions, nextPageToken);
            }

            // The page's attempts in one query: the ids travel as one id-list parameter (the dialect's IdList).
            var attempts = executions.ToDictionary(e => e.Id, _ => new List<Attempt>());
            await using (var attemptQuery = transaction.Command(transaction.Statements.Executions.AttemptsOf).With("@ids", transaction.Dialect.IdList(attempts.Keys)))
            {
                await using var reader = await attemptQuery.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    attempts[reader.GetString(0)].Add(ExecutionRows.ReadAttempt(reader, transaction.Dialect));
                }
            }

            return new ExecutionPage([.. executions.Select(e => e with { Attempts = attempts[e.Id] })], nextPageToken);
        }, cancellationToken);
    }

    public Task<OutstandingCounts> CountOutstandingAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(async transaction =>
        {
            await using var command = transaction.Command(ExecutionSql.CountOutstanding);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);

            // Read wide on both engines: count(*) and sum are bigint (numeric for sum) on PostgreSQL.
            return new OutstandingCounts(reader.GetInt64(0), Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture));
        }, cancellationToken);

    public Task<int> DeleteFinishedExecutionsAsync(DateTimeOffset before, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);

        // A claim, not a write: on PostgreSQL it shares the cluster lock with dispatching, so a batch holds up no
        // node's claims; two nodes' passes skip each other's locked rows. It touches only final rows, which no claim or
        // record changes.
        return database.ClaimAsync(transaction => ExpiredRows.DeleteAsync(
            transaction, transaction.Statements.Executions.Expired, transaction.Statements.Executions.Delete, before, max, cancellationToken), cancellationToken);
    }

    public Task<int> DeleteOldRunCountsAsync(DateTimeOffset before, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);

        // A claim, as DeleteFinishedExecutionsAsync: it shares the cluster lock with the records that raise the counts,
        // which only touch a day this deletes when a run scheduled that long ago finishes now (its count then starts
        // again, and goes at the next pass).
        return database.ClaimAsync(async transaction =>
        {
            await using var command = transaction.Command(ExecutionSql.DeleteOldRunCounts)
                .With("@before", transaction.Dialect.Instant(RunCounts.DayOf(before)))
                .With("@max", max);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    public Task<int> DeleteDeletedJobsHistoryAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);

        // A claim, as DeleteFinishedExecutionsAsync: a deleted job's rows are all final, and no claim or record sees them.
        return database.ClaimAsync(async transaction =>
        {
            var statements = transaction.Statements.Executions;
            var deleted = await ExpiredRows.DeleteAsync(transaction, statements.DeletedJobHistory, statements.Delete, now, max, cancellationToken).ConfigureAwait(false);
            if (deleted < max)
            {
                await using var graves = transaction.Command(ExecutionSql.EmptyGraves);
                await graves.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return deleted;
        }, cancellationToken);
    }
}
