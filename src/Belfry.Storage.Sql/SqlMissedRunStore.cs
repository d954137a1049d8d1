using Belfry.Core.Alerts;
using Belfry.Core.Jobs;
using Belfry.Core.Storage;

namespace Belfry.Storage.Sql;

internal sealed class SqlMissedRunStore(SqlDatabase database) : IMissedRunStore
{
    private const int MaxSuccessesPerCheck = 100;

    public Task<int> CheckMissedRunsAsync(DateTimeOffset now, int maxJobs, Func<MissedRunCheck, MissedRunDecision> decide, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxJobs, 1);
        ArgumentNullException.ThrowIfNull(decide);

        // One write, never a claim: it excludes every other node's, so a bookmark is read after the last pass recorded it
        // and a missed run alerts once across nodes (Server.Tests Cluster/ClusterAlertTests).
        return database.WriteAsync(async transaction =>
        {
            // Watched jobs whose bookmark is due, new or restarted (resume, a new schedule or deadline), or whose
            // missed-run alert is open (a success may resolve it at any time). Paused jobs are not looked at.
            var watched = new List<(Job Job, JobWatch Watch)>();
            await using (var select = transaction.Command(transaction.Statements.MissedRuns.Watched).With("@now", transaction.Dialect.Instant(now)).With("@max", maxJobs))
            await using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var at = JobRows.ColumnCount;
                    watched.Add((JobRows.Read(reader, 0, transaction.Dialect), new JobWatch(
                        transaction.Dialect.ReadNullableInstant(reader, at), transaction.Dialect.ReadNullableInstant(reader, at + 1), transaction.Dialect.ReadNullableInstant(reader, at + 2))));
                }
            }

            foreach (var (job, watch) in watched)
            {
                var (successes, truncated) = await ReadSuccessesAsync(
                    transaction, job.Name, MissedRunPlanner.SuccessesFrom(job, watch), now, cancellationToken).ConfigureAwait(false);
                var decision = decide(new MissedRunCheck(job, watch, successes, truncated));
                await using (var store = transaction.Command(MissedRunSql.StoreWatch)
                    .With("@job", job.Name.FullName)
                    .With("@since", transaction.Dialect.Instant(decision.Watch.Since))
                    .With("@watermark", transaction.Dialect.Instant(decision.Watch.Watermark))
                    .With("@nextCheck", transaction.Dialect.Instant(decision.NextCheck))
                    .With("@missedFrom", transaction.Dialect.Instant(decision.Watch.MissedFrom)))
                {
                    await store.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                foreach (var outboxEvent in MissedRunRouting.Route(decision, job.Belfry.Notify))
                {
                    await SqlNotificationOutbox.EnqueueAsync(transaction, outboxEvent.Channels, outboxEvent.Event, now, cancellationToken).ConfigureAwait(false);
                }
            }

            return watched.Count;
        }, cancellationToken);
    }

    private static async Task<(IReadOnlyList<SucceededRun> Successes, bool Truncated)> ReadSuccessesAsync(
        StoreTransaction transaction, JobName job, DateTimeOffset from, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = transaction.Command(MissedRunSql.Successes)
            .With("@job", job.FullName)
            .With("@from", transaction.Dialect.Instant(from))
            .With("@now", transaction.Dialect.Instant(now))
            .With("@limit", MaxSuccessesPerCheck + 1);
        var successes = new List<SucceededRun>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            successes.Add(new SucceededRun(transaction.Dialect.ReadInstant(reader, 0), transaction.Dialect.ReadInstant(reader, 1)));
        }

        var truncated = successes.Count > MaxSuccessesPerCheck;
        if (truncated)
        {
            successes.RemoveAt(MaxSuccessesPerCheck);
        }

        return (successes, truncated);
    }
}
