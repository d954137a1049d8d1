using Belfry.Core.Executions;
using Belfry.Core.Pipelines;
using Belfry.Core.Planning;
using Belfry.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Belfry.Storage.Sqlite;

internal sealed partial class SqliteDispatchQueue(SqliteDatabase database) : IDispatchQueue
{
    public Task<PlannedJobs> PlanDueJobsAsync(
        DateTimeOffset now, DateTimeOffset horizon, int maxJobs, TimeSpan leaseGrace, Func<DueJob, OccurrencePlan> plan, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxJobs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, now);
        ArgumentOutOfRangeException.ThrowIfLessThan(leaseGrace, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(plan);

        // Reading the due jobs and advancing them happen under one write lock (BEGIN IMMEDIATE), so a concurrent
        // planner sees the advanced schedule times and each (job, scheduled time) is planned once.
        return database.WriteAsync(async (connection, transaction) =>
        {
            var dueJobs = await ReadDueJobsAsync(connection, transaction, now, horizon, maxJobs, cancellationToken).ConfigureAwait(false);
            if (dueJobs.Count == 0)
            {
                return new PlannedJobs(0, []);
            }

            using var insert = ExecutionRows.PrepareInsert(connection);
            using var advance = new SqliteStatement(connection, """
                UPDATE jobs SET schedule_time = ?1, deferred_time = ?2, version = version + 1
                WHERE name = ?3
                """);

            using var fail = new SqliteStatement(connection, """
                UPDATE jobs SET state = 4 /* UpdateFailed */, schedule_time = NULL, deferred_time = NULL,
                    status_code = 9 /* FAILED_PRECONDITION */, status_message = ?1, version = version + 1
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
                    fail.Bind(1, failure).Bind(2, job.FullName).Execute();
                    continue;
                }
                foreach (var fire in decision.Fire)
                {
                    // Claimed at once for its first attempt (no separate claim transaction per fire). The lease
                    // runs from the schedule time, so a time armed ahead is not taken over before it is even due.
                    var leaseUntil = (fire.ScheduleTime > now ? fire.ScheduleTime : now) + dueJob.Job.AttemptDeadline + leaseGrace;
                    var execution = ExecutionRows.SetInsertValues(
                        insert, job, fire.ScheduleTime, fire.Trigger, ExecutionState.Running, now, fire.ScheduleTime, leaseUntil);
                    insert.Execute();
                    fired.Add(new ClaimedAttempt(execution, dueJob.Job, execution.AttemptCount, execution.Epoch, leaseUntil));
                }

                foreach (var skipped in decision.Skipped)
                {
                    ExecutionRows.SetInsertValues(insert, job, skipped, ExecutionTrigger.Scheduled, ExecutionState.Skipped, now, null);
                    insert.Execute();
                }

                foreach (var missed in decision.Missed)
                {
                    ExecutionRows.SetInsertValues(insert, job, missed, ExecutionTrigger.Scheduled, ExecutionState.Missed, now, null);
                    insert.Execute();
                }

                advance.Bind(1, decision.NextScheduleTime?.UtcTicks).Bind(2, decision.Deferred?.UtcTicks).Bind(3, job.FullName).Execute();
            }

            return new PlannedJobs(dueJobs.Count, fired);
        }, cancellationToken);
    }

    public Task<int> PlanDuePipelinesAsync(DateTimeOffset now, int max, Func<DuePipeline, OccurrencePlan> plan, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        ArgumentNullException.ThrowIfNull(plan);
        return database.WriteAsync(async (connection, transaction) =>
        {
            var due = new List<DuePipeline>();
            var names = new List<(PipelineName Name, int Outstanding, DateTimeOffset? Deferred)>();
            await using (var select = SqliteSql.Command(connection, transaction, DispatchSql.DuePipelines).With("@now", SqliteValues.Instant(now)).With("@max", max))
            {
                await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (PipelineName.TryParse(reader.GetString(0), out var name))
                    {
                        names.Add((name, reader.GetInt32(1), SqliteValues.ReadNullableInstant(reader, 2)));
                    }
                }
            }

            foreach (var (name, outstanding, deferred) in names)
            {
                var pipeline = (await SqlitePipelineStore.FindPipelineAsync(connection, transaction, name, cancellationToken).ConfigureAwait(false))!;
                due.Add(new DuePipeline(pipeline, outstanding, deferred));
            }

            foreach (var pipeline in due)
            {
                var decision = plan(pipeline);
                var name = pipeline.Pipeline.Name;

                // Advance first: a run that ends at once (it cannot: every run has a step) must not see the old time.
                await using (var advance = SqliteSql.Command(connection, transaction, DispatchSql.AdvancePipeline)
                    .With("@failed", decision.Failure is not null)
                    .With("@scheduleTime", SqliteValues.Instant(decision.NextScheduleTime))
                    .With("@deferred", SqliteValues.Instant(decision.Deferred))
                    .With("@name", name.FullName))
                {
                    await advance.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                foreach (var fire in decision.Fire)
                {
                    await SqlitePipelineRuns.StartRunAsync(connection, transaction, name, fire.ScheduleTime, fire.Trigger, now, cancellationToken).ConfigureAwait(false);
                }
            }

            return due.Count;
        }, cancellationToken);
    }

    public Task<NextDue> GetNextDueAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(async (connection, transaction) =>
        {
            // Each min() is one seek on its (state, time) index (DispatchSql.NextDue).
            await using var command = SqliteSql.Command(connection, transaction, DispatchSql.NextDue);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            return new NextDue(SqliteValues.ReadNullableInstant(reader, 0), SqliteValues.ReadNullableInstant(reader, 1));
        }, cancellationToken);

    private async Task<List<DueJob>> ReadDueJobsAsync(
        SqliteConnection connection, SqliteTransaction transaction, DateTimeOffset now, DateTimeOffset horizon, int maxJobs, CancellationToken cancellationToken)
    {
        // Due jobs, and jobs due by the horizon that are free to be armed ahead: nothing outstanding, nothing deferred.
        await using var command = SqliteSql.Command(connection, transaction, DispatchSql.DueJobs)
            .With("@now", SqliteValues.Instant(now))
            .With("@horizon", SqliteValues.Instant(horizon))
            .With("@maxJobs", maxJobs);
        var dueJobs = new List<DueJob>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            dueJobs.Add(new DueJob(
                database.Definitions.Read(reader.GetString(JobRows.ColumnCount + 2), reader),
                reader.GetInt32(JobRows.ColumnCount),
                SqliteValues.ReadNullableInstant(reader, JobRows.ColumnCount + 1)));
        }

        return dueJobs;
    }
}
