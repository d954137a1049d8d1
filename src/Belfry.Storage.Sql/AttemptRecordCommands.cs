using Belfry.Core.Executions;
using Belfry.Core.Notifications;
using Belfry.Core.Reports;
using Belfry.Core.Storage;

namespace Belfry.Storage.Sql;

/// <summary>
/// The statements every recorded attempt runs, prepared once per group commit and re-bound per result: at
/// thousands of results a second, compiling and binding them through ADO.NET per result cost more than running them.
/// </summary>
internal sealed class AttemptRecordCommands : IDisposable
{
    private readonly SqlStatement _finish;
    private readonly SqlStatement _insertAttempt;
    private readonly SqlStatement _updateJob;
    private readonly SqlStatement _rememberOutcome;
    private readonly SqlStatement _lastOutcome;
    private readonly SqlStatement _countRun;

    public AttemptRecordCommands(StoreTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);

        // Fencing: only the holder of the current epoch and attempt may move the execution on.
        _finish = transaction.Prepare("""
            UPDATE executions SET
                state = ?1,
                next_attempt_time = ?2,
                finish_time = ?3,
                first_attempt_time = coalesce(first_attempt_time, ?4),
                lease_until = NULL,
                last_status_code = ?5,
                last_error = ?6
            WHERE id = ?7 AND job_name = ?8 AND state = 1 /* Running */
              AND epoch = ?9 AND attempt_count = ?10
            RETURNING schedule_time, trigger, attempt_count, job_uid
            """);
        _insertAttempt = transaction.Prepare($"""
            INSERT INTO attempts ({ExecutionRows.AttemptColumns})
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
            """);
        _updateJob = transaction.Prepare("""
            UPDATE jobs SET
                status_code = ?1,
                status_message = ?2,
                last_attempt_time = ?3,
                version = version + 1
            WHERE name = ?4
            RETURNING deferred_time IS NOT NULL, notify_json, time_zone, pipeline_name IS NOT NULL,
                (SELECT s.last_outcome FROM job_alert_state s WHERE s.job_name = jobs.name)
            """);
        _rememberOutcome = transaction.Prepare("""
            INSERT INTO job_alert_state (job_name, last_outcome) VALUES (?1, ?2)
            ON CONFLICT (job_name) DO UPDATE SET last_outcome = excluded.last_outcome
            """);
        _lastOutcome = transaction.Prepare("SELECT last_outcome FROM job_alert_state WHERE job_name = ?1");
        _countRun = transaction.Prepare("""
            INSERT INTO job_run_counts (job_name, job_uid, day, runs, successes) VALUES (?1, ?2, ?3, 1, ?4)
            ON CONFLICT (job_name, job_uid, day) DO UPDATE SET
                runs = job_run_counts.runs + 1,
                successes = job_run_counts.successes + excluded.successes
            """);
    }

    /// <summary>
    /// Moves the execution on as <paramref name="update"/> says and returns what the events need to know of it, or
    /// null (nothing written) when the result is fenced out.
    /// </summary>
    public ValueTask<(DateTimeOffset ScheduleTime, ExecutionTrigger Trigger, int Attempts, string JobUid)?> FinishAsync(
        AttemptResult result, in AttemptUpdate update, CancellationToken cancellationToken) =>
        _finish
            .Bind(1, (int)update.State)
            .BindInstant(2, update.NextAttemptTime)
            .BindInstant(3, update.FinishTime)
            .BindInstant(4, result.StartTime)
            .Bind(5, result.StatusCode)
            .Bind(6, result.Error)
            .Bind(7, result.ExecutionId)
            .Bind(8, result.Job.FullName)
            .Bind(9, result.Epoch)
            .Bind(10, result.AttemptNumber)
            .ExecuteFirstAsync<(DateTimeOffset, ExecutionTrigger, int, string)?>(
                static row => (row.Instant(0), (ExecutionTrigger)row.Int32(1), row.Int32(2), row.Text(3)!), cancellationToken);

    /// <summary>Queues the attempt's row (<see cref="SqlStatement.EnqueueAsync"/>): on a server it leaves with the job's update.</summary>
    public ValueTask InsertAttemptAsync(AttemptResult result, CancellationToken cancellationToken) =>
        _insertAttempt
            .Bind(1, result.ExecutionId)
            .Bind(2, result.AttemptNumber)
            .Bind(3, result.Epoch)
            .BindInstant(4, result.StartTime)
            .Bind(5, result.Duration.Ticks)
            .Bind(6, result.StatusCode)
            .Bind(7, result.Error)
            .Bind(8, result.Succeeded)
            .Bind(9, result.Response?.Text)
            .Bind(10, result.Response?.ContentType)
            .EnqueueAsync(cancellationToken);

    /// <summary>
    /// Sets the job's status and last attempt time as <paramref name="update"/> says; returns what the rest of the
    /// record depends on, including the outcome its last final execution had (for recovery notices).
    /// </summary>
    public ValueTask<(bool HasDeferredTime, string? NotifyJson, string TimeZone, bool IsPipelineStep, ExecutionOutcome? LastOutcome)?> UpdateJobAsync(
        AttemptResult result, in AttemptUpdate update, CancellationToken cancellationToken) =>
        _updateJob
            .Bind(1, update.JobStatus.Code)
            .Bind(2, update.JobStatus.Message)
            .BindInstant(3, update.LastAttemptTime)
            .Bind(4, result.Job.FullName)
            .ExecuteFirstAsync<(bool, string?, string, bool, ExecutionOutcome?)?>(
                static row => (row.Boolean(0), row.Text(1), row.Text(2)!, row.Boolean(3), row.IsNull(4) ? null : (ExecutionOutcome)row.Int32(4)),
                cancellationToken);

    /// <summary>
    /// Queues the count of a run that has just become final (Succeeded or Failed) on its schedule time's UTC day
    /// (<see cref="RunCounts"/>): the dashboard's success rates read these counts, never the executions, so they are
    /// raised in the transaction that finishes the execution, and only when its fenced finish wrote.
    /// </summary>
    public ValueTask CountRunAsync(string job, string jobUid, DateTimeOffset scheduleTime, bool succeeded, CancellationToken cancellationToken) =>
        _countRun
            .Bind(1, job)
            .Bind(2, jobUid)
            .BindInstant(3, RunCounts.DayOf(scheduleTime))
            .Bind(4, succeeded ? 1 : 0)
            .EnqueueAsync(cancellationToken);

    public ValueTask<int> RememberOutcomeAsync(string job, ExecutionOutcome outcome, CancellationToken cancellationToken) =>
        _rememberOutcome.Bind(1, job).Bind(2, (int)outcome).ExecuteAsync(cancellationToken);

    /// <summary>
    /// The outcome the job's last final execution had, read by a statement of its own once the job's row is locked
    /// (<see cref="UpdateJobAsync"/>). The update's RETURNING reads it too, but from the snapshot its statement took
    /// before it waited for that lock: on a server where another node's record of the same job committed meanwhile,
    /// that value is stale, and a recovery could be told twice or not at all.
    /// </summary>
    public async ValueTask<ExecutionOutcome?> LastOutcomeAsync(string job, CancellationToken cancellationToken) =>
        await _lastOutcome.Bind(1, job).ExecuteFirstAsync<ExecutionOutcome?>(static row => row.IsNull(0) ? null : (ExecutionOutcome)row.Int32(0), cancellationToken)
            .ConfigureAwait(false);

    public void Dispose()
    {
        _finish.Dispose();
        _insertAttempt.Dispose();
        _updateJob.Dispose();
        _rememberOutcome.Dispose();
        _lastOutcome.Dispose();
        _countRun.Dispose();
    }
}
