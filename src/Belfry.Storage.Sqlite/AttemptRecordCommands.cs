using Belfry.Core.Executions;
using Belfry.Core.Notifications;
using Belfry.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Belfry.Storage.Sqlite;

/// <summary>
/// The statements every recorded attempt runs, prepared once per group commit and re-bound per result: at
/// thousands of results a second, compiling each statement again per result cost more than running it.
/// </summary>
internal sealed class AttemptRecordCommands : IAsyncDisposable
{
    private readonly SqliteCommand _finish;
    private readonly SqliteCommand _insertAttempt;
    private readonly SqliteCommand _updateJob;
    private readonly SqliteCommand _readOutcome;
    private readonly SqliteCommand _rememberOutcome;

    public AttemptRecordCommands(SqliteConnection connection, SqliteTransaction transaction)
    {
        // Fencing: only the holder of the current epoch and attempt may move the execution on.
        _finish = Prepare(connection, transaction, """
            UPDATE executions SET
                state = @state,
                next_attempt_time = @nextAttemptTime,
                finish_time = @finishTime,
                first_attempt_time = coalesce(first_attempt_time, @startTime),
                lease_until = NULL,
                last_status_code = @statusCode,
                last_error = @error
            WHERE id = @id AND job_name = @jobName AND state = 1 /* Running */
              AND epoch = @epoch AND attempt_count = @attemptNumber
            RETURNING schedule_time, trigger, attempt_count
            """, "@state", "@nextAttemptTime", "@finishTime", "@startTime", "@statusCode", "@error", "@id", "@jobName", "@epoch", "@attemptNumber");
        _insertAttempt = Prepare(connection, transaction, $"""
            INSERT INTO attempts ({ExecutionRows.AttemptColumns})
            VALUES (@id, @number, @epoch, @startTime, @duration, @statusCode, @error, @succeeded)
            """, "@id", "@number", "@epoch", "@startTime", "@duration", "@statusCode", "@error", "@succeeded");
        _updateJob = Prepare(connection, transaction, """
            UPDATE jobs SET
                status_code = @statusCode,
                status_message = @statusMessage,
                last_attempt_time = @startTime,
                version = version + 1
            WHERE name = @jobName
            RETURNING deferred_time IS NOT NULL, notify_json, time_zone, pipeline_name IS NOT NULL
            """, "@statusCode", "@statusMessage", "@startTime", "@jobName");
        _readOutcome = Prepare(connection, transaction, "SELECT last_outcome FROM job_alert_state WHERE job_name = @job", "@job");
        _rememberOutcome = Prepare(connection, transaction, """
            INSERT INTO job_alert_state (job_name, last_outcome) VALUES (@job, @outcome)
            ON CONFLICT (job_name) DO UPDATE SET last_outcome = excluded.last_outcome
            """, "@job", "@outcome");
    }

    /// <summary>
    /// Moves the execution on and returns what the events need to know of it, or null (nothing written) when the
    /// result is fenced out.
    /// </summary>
    public async Task<(DateTimeOffset ScheduleTime, ExecutionTrigger Trigger, int Attempts)?> FinishAsync(
        AttemptResult result, bool final, CancellationToken cancellationToken)
    {
        Bind(_finish,
            (int)(result.Succeeded ? ExecutionState.Succeeded : final ? ExecutionState.Failed : ExecutionState.Pending),
            final ? DBNull.Value : SqliteValues.Instant(result.NextAttemptTime),
            final ? SqliteValues.Instant(result.Now) : DBNull.Value,
            SqliteValues.Instant(result.StartTime),
            result.StatusCode,
            result.Error,
            result.ExecutionId,
            result.Job.FullName,
            result.Epoch,
            result.AttemptNumber);
        await using var reader = await _finish.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? (SqliteValues.ReadInstant(reader, 0), (ExecutionTrigger)reader.GetInt32(1), reader.GetInt32(2))
            : null;
    }

    public async Task InsertAttemptAsync(AttemptResult result, CancellationToken cancellationToken)
    {
        Bind(_insertAttempt, result.ExecutionId, result.AttemptNumber, result.Epoch, SqliteValues.Instant(result.StartTime),
            result.Duration.Ticks, result.StatusCode, result.Error, result.Succeeded);
        await _insertAttempt.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sets the job's status and last attempt time; returns what the rest of the record depends on.</summary>
    public async Task<(bool HasDeferredTime, string? NotifyJson, string TimeZone, bool IsPipelineStep)?> UpdateJobAsync(
        AttemptResult result, CancellationToken cancellationToken)
    {
        Bind(_updateJob, result.JobStatus.Code, result.JobStatus.Message, SqliteValues.Instant(result.StartTime), result.Job.FullName);
        await using var reader = await _updateJob.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? (reader.GetBoolean(0), SqliteValues.ReadNullableString(reader, 1), reader.GetString(2), reader.GetBoolean(3))
            : null;
    }

    public async Task<ExecutionOutcome?> ReadLastOutcomeAsync(string job, CancellationToken cancellationToken)
    {
        Bind(_readOutcome, job);
        return await _readOutcome.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long outcome ? (ExecutionOutcome)outcome : null;
    }

    public async Task RememberOutcomeAsync(string job, ExecutionOutcome outcome, CancellationToken cancellationToken)
    {
        Bind(_rememberOutcome, job, (int)outcome);
        await _rememberOutcome.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in (SqliteCommand[])[_finish, _insertAttempt, _updateJob, _readOutcome, _rememberOutcome])
        {
            await command.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = SqliteSql.Command(connection, transaction, sql);
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
        }

        command.Prepare();
        return command;
    }

    /// <summary>Binds values in the order the parameters were declared; null becomes SQL NULL.</summary>
    private static void Bind(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }
}
