using Belfry.Core.Executions;
using Belfry.Core.Pipelines;
using Belfry.Core.Planning;
using Belfry.Core.Storage;

namespace Belfry.Storage.Sql;

internal sealed partial class SqlDispatchQueue(SqlDatabase database) : IDispatchQueue
{
    public Task<PlannedJobs> PlanDueJobsAsync(
        DateTimeOffset now, DateTimeOffset horizon, int maxJobs, TimeSpan lease, Func<DueJob, OccurrencePlan> plan, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxJobs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, now);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(plan);

        // Reading the due jobs and advancing them happen in one write transaction, so a concurrent planner sees the
        // advanced schedule times and each (job, scheduled time) is planned once: SQLite's single writer (BEGIN
        // IMMEDIATE) guarantees it; a database whose writers run side by side must lock the jobs it reads.
        return database.ClaimAsync(async transaction =>
        {
            var dueJobs = await ReadDueJobsAsync(transaction, now, horizon, maxJobs, cancellationToken).ConfigureAwait(false);
            if (dueJobs.Count == 0)
            {
                return new PlannedJobs(0, []);
            }

            using var insert = ExecutionRows.PrepareInsert(transaction);
            using var advance = transaction.Prepare("""
                UPDATE jobs SET schedule_time = ?1, deferred_time = ?2, version = version + 1
                WHERE name = ?3
                """);

            // The one plan that raises definition_version: it changes the state, which a user's update read from.
            using var fail = transaction.Prepare("""
                UPDATE jobs SET state = 4 /* UpdateFailed */, schedule_time = NULL, deferred_time = NULL,
                    status_code = 9 /* FAILED_PRECONDITION */, status_message = ?1, version = version + 1,
                    definition_version = definition_version + 1
                WHERE name = ?2
                """);

            var fired = new List<ClaimedAttempt>();
            foreach (var dueJob in dueJobs)
            {
                var decision = plan(dueJob);
                var job = dueJob.Job.Name;
                if (decision.Failure is { } failure)
                {
                    // Not left ENABLED without a schedule time, where it would never fire again and look healthy.
                    await fail.Bind(1, failure).Bind(2, job.FullName).EnqueueAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                }
                foreach (var fire in decision.Fire)
                {
                    // Claimed at once for its first attempt (no separate claim transaction per fire). The lease
                    // runs from the schedule time, so a time armed ahead is not taken over before it is even due.
                    var leaseUntil = (fire.ScheduleTime > now ? fire.ScheduleTime : now) + lease;
                    var execution = ExecutionRows.SetInsertValues(
                        insert, job, fire.ScheduleTime, fire.Trigger, ExecutionState.Running, now, fire.ScheduleTime, leaseUntil);
                    await insert.EnqueueAsync(cancellationToken).ConfigureAwait(false);
                    fired.Add(new ClaimedAttempt(execution, dueJob.Job, execution.AttemptCount, execution.Epoch, leaseUntil));
                }

                foreach (var skipped in decision.Skipped)
                {
                    ExecutionRows.SetInsertValues(insert, job, skipped, ExecutionTrigger.Scheduled, ExecutionState.Skipped, now, null);
                    await insert.EnqueueAsync(cancellationToken).ConfigureAwait(false);
                }

                foreach (var missed in decision.Missed)
                {
                    ExecutionRows.SetInsertValues(insert, job, missed, ExecutionTrigger.Scheduled, ExecutionState.Missed, now, null);
                    await insert.EnqueueAsync(cancellationToken).ConfigureAwait(false);
                }

                await advance.BindInstant(1, decision.NextScheduleTime).BindInstant(2, decision.Deferred).Bind(3, job.FullName).EnqueueAsync(cancellationToken).ConfigureAwait(false);
            }

            // The batch's writes read nothing back, so on a server they leave together (SqlStatement.EnqueueAsync).
            await transaction.FlushAsync(cancellationToken).ConfigureAwait(false);
            return new PlannedJobs(dueJobs.Count, fired);
        }, cancellationToken);
    }

    public Task<int> PlanDuePipelinesAsync(DateTimeOffset now, int max, Func<DuePipeline, OccurrencePlan> plan, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        ArgumentNullException.ThrowIfNull(plan);
        return database.WriteAsync(async transaction =>
        {
            var due = new List<DuePipeline>();
            var names = new List<(PipelineName Name, int Outstanding, DateTimeOffset? Deferred)>();
            await using (var select = transaction.Command(DispatchSql.DuePipelines).With("@now", transaction.Dialect.Instant(now)).With("@max", max))
            {
                await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (PipelineName.TryParse(reader.GetString(0), out var name))
                    {
                        names.Add((name, SqlValues.ReadCount(reader, 1), transaction.Dialect.ReadNullableInstant(reader, 2)));
                    }
                }
            }

            foreach (var (name, outstanding, deferred) in names)
            {
                var pipeline = (await SqlPipelineStore.FindPipelineAsync(transaction, name, cancellationToken).ConfigureAwait(false))!;
                due.Add(new DuePipeline(pipeline, outstanding, deferred));
            }

            foreach (var pipeline in due)
            {
                var decision = plan(pipeline);
                var name = pipeline.Pipeline.Name;

                // Advance first: a run that ends at once (it cannot: every run has a step) must not see the old time.
                await using (var advance = transaction.Command(DispatchSql.AdvancePipeline)
                    .With("@failed", decision.Failure is not null)
                    .With("@scheduleTime", transaction.Dialect.Instant(decision.NextScheduleTime))
                    .With("@deferred", transaction.Dialect.Instant(decision.Deferred))
                    .With("@name", name.FullName))
                {
                    await advance.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                foreach (var fire in decision.Fire)
                {
                    await SqlPipelineRuns.StartRunAsync(transaction, name, fire.ScheduleTime, fire.Trigger, now, cancellationToken).ConfigureAwait(false);
                }
            }

            return due.Count;
        }, cancellationToken);
    }

    public Task<NextDue> GetNextDueAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(async transaction =>
        {
            // Each min() is one seek on its (state, time) index (DispatchSql.NextDue).
            await using var command = transaction.Command(DispatchSql.NextDue);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            return new NextDue(transaction.Dialect.ReadNullableInstant(reader, 0), transaction.Dialect.ReadNullableInstant(reader, 1));
        }, cancellationToken);

    private async Task<List<DueJob>> ReadDueJobsAsync(
        StoreTransaction transaction, DateTimeOffset now, DateTimeOffset horizon, int maxJobs, CancellationToken cancellationToken)
    {
        // Due jobs, and jobs due by the horizon that are free to be armed ahead: nothing outstanding, nothing deferred.
        await using var command = transaction.Command(transaction.Statements.Dispatch.DueJobs)
            .With("@now", transaction.Dialect.Instant(now))
            .With("@horizon", transaction.Dialect.Instant(horizon))
            .With("@maxJobs", maxJobs);
        var dueJobs = new List<DueJob>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            dueJobs.Add(new DueJob(
                database.Definitions.Read(reader.GetString(JobRows.ColumnCount + 2), reader),
                SqlValues.ReadCount(reader, JobRows.ColumnCount),
                transaction.Dialect.ReadNullableInstant(reader, JobRows.ColumnCount + 1)));
        }

        return dueJobs;
    }
}
