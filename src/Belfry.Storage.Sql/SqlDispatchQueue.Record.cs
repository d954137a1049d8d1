using Belfry.Core.Executions;
using Belfry.Core.Jobs;
using Belfry.Core.Planning;
using Belfry.Core.Storage;

namespace Belfry.Storage.Sql;

internal sealed partial class SqlDispatchQueue
{
    public Task<IReadOnlyList<ClaimedAttempt>> ClaimDueAttemptsAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        return database.ClaimAsync<IReadOnlyList<ClaimedAttempt>>(async transaction =>
        {
            // Pending executions that are due and Running ones whose lease ran out, the longest-waiting first.
            // Selecting and updating in one write transaction, the rows locked as the dialect's claims lock them
            // (SQLite: its single writer), is what makes each claim exclusive.
            var due = new List<(Execution Execution, Job Job)>();
            await using (var select = transaction.Command(transaction.Statements.Dispatch.ClaimDue).With("@now", transaction.Dialect.Instant(now)).With("@max", max))
            {
                await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var job = JobRows.Read(reader, ExecutionRows.ColumnCount, transaction.Dialect);
                    due.Add((ExecutionRows.Read(reader, 0, transaction.Dialect, job.Name), job));
                }
            }

            if (due.Count == 0)
            {
                return [];
            }

            // One statement for the batch. SET expressions see the old row, so a Running row (a takeover) gets
            // epoch + 1; every claim is a new attempt, numbered attempt_count + 1.
            var claimed = new Dictionary<string, (long Epoch, int AttemptCount, DateTimeOffset FirstAttemptTime, DateTimeOffset LeaseUntil)>(due.Count);
            await using (var update = transaction.Command(transaction.Statements.Dispatch.ClaimUpdate)
                .With("@now", transaction.Dialect.Instant(now))
                .With("@lease", lease.Ticks)
                .With("@ids", transaction.Dialect.IdList(due.Select(d => d.Execution.Id))))
            {
                await using var reader = await update.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    claimed[reader.GetString(0)] = (reader.GetInt64(1), reader.GetInt32(2),
                        transaction.Dialect.ReadInstant(reader, 3), transaction.Dialect.ReadInstant(reader, 4));
                }
            }

            var attempts = new List<ClaimedAttempt>(due.Count);
            foreach (var (execution, job) in due)
            {
                var (epoch, attemptCount, firstAttemptTime, leaseUntil) = claimed[execution.Id];
                var running = execution with
                {
                    State = ExecutionState.Running,
                    Epoch = epoch,
                    AttemptCount = attemptCount,
                    FirstAttemptTime = firstAttemptTime,
                };
                attempts.Add(new ClaimedAttempt(running, job, attemptCount, epoch, leaseUntil));
            }

            return await SqlPipelineRuns.WithPipelineStepsAsync(transaction, attempts, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    public async Task<bool> RecordAttemptAsync(AttemptResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var recorded = await RecordAttemptsAsync([result], cancellationToken).ConfigureAwait(false);
        return recorded[0];
    }

    public Task<IReadOnlyList<bool>> RecordAttemptsAsync(IReadOnlyList<AttemptResult> results, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);

        // Group commit: one transaction for the batch, each result fenced on its own.
        return database.ClaimAsync<IReadOnlyList<bool>>(async transaction =>
        {
            using var commands = new AttemptRecordCommands(transaction);
            var recorded = new bool[results.Count];
            for (var i = 0; i < results.Count; i++)
            {
                recorded[i] = await RecordOneAsync(transaction, commands, results[i], cancellationToken).ConfigureAwait(false);
            }

            return recorded;
        }, cancellationToken);
    }

    /// <summary>
    /// Records one result: reads the facts the record's own statements return, asks <see cref="AttemptConsequences"/>
    /// what they change, and writes that. Nothing here decides; a second store repeats only the writing.
    /// </summary>
    private static async Task<bool> RecordOneAsync(
        StoreTransaction transaction, AttemptRecordCommands commands, AttemptResult result, CancellationToken cancellationToken)
    {
        var update = AttemptConsequences.Update(result);
        if (await commands.FinishAsync(result, update, cancellationToken).ConfigureAwait(false) is not { } execution)
        {
            return false;
        }

        await commands.InsertAttemptAsync(result, cancellationToken).ConfigureAwait(false);
        if (await commands.UpdateJobAsync(result, update, cancellationToken).ConfigureAwait(false) is not { } job || !update.IsFinal)
        {
            return true;
        }

        // The job's row is locked by now (UpdateJobAsync), so two nodes counting the same job's day wait on that lock
        // first and never deadlock on the count's row.
        await commands.CountRunAsync(result.Job.FullName, execution.JobUid, execution.ScheduleTime, update.State == ExecutionState.Succeeded, cancellationToken)
            .ConfigureAwait(false);

        // Only routes turn the last outcome into a notice; without them a stale one costs at most a redundant write.
        var lastOutcome = job.NotifyJson is null
            ? job.LastOutcome
            : await commands.LastOutcomeAsync(result.Job.FullName, cancellationToken).ConfigureAwait(false);
        var changes = AttemptConsequences.Final(result, new FinishedExecution(
            NotifyJson.Read(job.NotifyJson), job.TimeZone, execution.ScheduleTime, execution.Trigger, execution.Attempts, lastOutcome,
            job.HasDeferredTime, job.IsPipelineStep));
        await ApplyFinalChangesAsync(transaction, commands, result, changes, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Starts the job's deferred time when <see cref="DeferredRelease"/> says it may (overlap policy Coalesce) and
    /// clears it.
    /// </summary>
    private static async Task StartDeferredTimeAsync(
        StoreTransaction transaction, JobName job, DateTimeOffset now, CancellationToken cancellationToken)
    {
        NewExecution start;
        await using (var find = transaction.Command(DispatchSql.DeferredTime).With("@name", job.FullName))
        {
            await using var reader = await find.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ||
                DeferredRelease.Decide((JobState)reader.GetInt32(0), transaction.Dialect.ReadNullableInstant(reader, 1), reader.GetBoolean(2), now) is not { } release)
            {
                return;
            }

            start = release;
        }

        using (var insert = ExecutionRows.PrepareInsert(transaction))
        {
            ExecutionRows.SetInsertValues(insert, job, start.ScheduleTime, start.Trigger, ExecutionState.Pending, now, start.Due);
            await insert.ExecuteAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var clear = transaction.Command(DispatchSql.ClearDeferredTime).With("@name", job.FullName);
        await clear.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// In <see cref="RecordAttemptAsync"/>'s transaction, once an execution is final: writes what
    /// <see cref="AttemptConsequences.Final"/> decided, in this order: the deferred time, the outbox events, the
    /// remembered outcome (so a recovery is told against the last final outcome even across restarts), the pipeline
    /// step and its run. A job without routes whose outcome did not change costs nothing more than the record's own
    /// statements.
    /// </summary>
    private static async Task ApplyFinalChangesAsync(
        StoreTransaction transaction, AttemptRecordCommands commands, AttemptResult result, FinalChanges changes,
        CancellationToken cancellationToken)
    {
        if (changes.CheckDeferredTime)
        {
            await StartDeferredTimeAsync(transaction, result.Job, result.Now, cancellationToken).ConfigureAwait(false);
        }

        // Indexed, not foreach: an interface enumerator would allocate on the hot path.
        for (var i = 0; i < changes.Events.Count; i++)
        {
            var outboxEvent = changes.Events[i];
            await SqlNotificationOutbox.EnqueueAsync(transaction, outboxEvent.Channels, outboxEvent.Event, result.Now, cancellationToken).ConfigureAwait(false);
        }

        if (changes.RememberOutcome is { } outcome)
        {
            await commands.RememberOutcomeAsync(result.Job.FullName, outcome, cancellationToken).ConfigureAwait(false);
        }

        if (changes.StepState is { } stepState)
        {
            await SqlPipelineRuns.AdvancePipelineRunAsync(transaction, result, stepState, cancellationToken).ConfigureAwait(false);
        }
    }
}
