using Belfry.Core.Executions;
using Belfry.Core.Notifications;
using Belfry.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Belfry.Storage.Sqlite;

internal sealed partial class SqliteJobStore
{
    /// <summary>
    /// In <see cref="RecordAttemptAsync"/>'s transaction, once an execution is final: enqueues the failure, recovery
    /// and success events its job's routes ask for (<see cref="ExecutionNotifications.Decide"/>) and remembers the
    /// outcome, so a recovery is told against the last final outcome even across restarts. A job without routes
    /// whose outcome did not change costs one indexed read.
    /// </summary>
    private static async Task RaiseExecutionEventsAsync(
        SqliteConnection connection, SqliteTransaction transaction, AttemptResult result, CancellationToken cancellationToken)
    {
        NotificationRoutes routes;
        string timeZone;
        ExecutionOutcome? previous;
        DateTimeOffset scheduleTime;
        ExecutionTrigger trigger;
        int attempts;
        await using (var find = SqliteSql.Command(connection, transaction, """
            SELECT j.notify_json, j.time_zone, s.last_outcome, e.schedule_time, e.trigger, e.attempt_count
            FROM executions e
            JOIN jobs j ON j.name = e.job_name
            LEFT JOIN job_alert_state s ON s.job_name = j.name
            WHERE e.id = @id
            """).With("@id", result.ExecutionId))
        {
            await using var reader = await find.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            routes = NotifyJson.Read(SqliteValues.ReadNullableString(reader, 0));
            timeZone = reader.GetString(1);
            previous = reader.IsDBNull(2) ? null : (ExecutionOutcome)reader.GetInt32(2);
            scheduleTime = SqliteValues.ReadInstant(reader, 3);
            trigger = (ExecutionTrigger)reader.GetInt32(4);
            attempts = reader.GetInt32(5);
        }

        var outcome = result.Succeeded ? ExecutionOutcome.Succeeded : ExecutionOutcome.Failed;
        foreach (var notice in ExecutionNotifications.Decide(routes, previous, outcome))
        {
            var notificationEvent = new NotificationEvent
            {
                Kind = notice.Kind,
                Time = result.Now,
                Job = result.Job,
                TimeZone = timeZone,
                ExecutionId = result.ExecutionId,
                ScheduleTime = scheduleTime,
                Trigger = trigger,
                Attempts = attempts,
                StatusCode = result.StatusCode,
                Error = result.Succeeded ? null : ExecutionNotifications.Excerpt(result.Error ?? result.JobStatus.Message),
            };
            await EnqueueAsync(connection, transaction, notice.Channels, notificationEvent, result.Now, cancellationToken).ConfigureAwait(false);
        }

        if (previous != outcome)
        {
            await using var remember = SqliteSql.Command(connection, transaction, """
                INSERT INTO job_alert_state (job_name, last_outcome) VALUES (@job, @outcome)
                ON CONFLICT (job_name) DO UPDATE SET last_outcome = excluded.last_outcome
                """).With("@job", result.Job.FullName).With("@outcome", (int)outcome);
            await remember.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
