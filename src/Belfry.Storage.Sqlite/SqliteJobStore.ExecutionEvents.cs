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
    /// whose outcome did not change costs nothing more than the record's own statements.
    /// </summary>
    private static async Task RaiseExecutionEventsAsync(
        SqliteConnection connection, SqliteTransaction transaction, AttemptRecordCommands commands, AttemptResult result, FinishedExecution execution,
        CancellationToken cancellationToken)
    {
        var previous = execution.PreviousOutcome;
        var outcome = result.Succeeded ? ExecutionOutcome.Succeeded : ExecutionOutcome.Failed;
        foreach (var notice in ExecutionNotifications.Decide(execution.Routes, previous, outcome))
        {
            var notificationEvent = new NotificationEvent
            {
                Kind = notice.Kind,
                Time = result.Now,
                Job = result.Job,
                TimeZone = execution.TimeZone,
                ExecutionId = result.ExecutionId,
                ScheduleTime = execution.ScheduleTime,
                Trigger = execution.Trigger,
                Attempts = execution.Attempts,
                StatusCode = result.StatusCode,
                Error = result.Succeeded ? null : ExecutionNotifications.Excerpt(result.Error ?? result.JobStatus.Message),
            };
            await EnqueueAsync(connection, transaction, notice.Channels, notificationEvent, result.Now, cancellationToken).ConfigureAwait(false);
        }

        if (previous != outcome)
        {
            commands.RememberOutcome(result.Job.FullName, outcome);
        }
    }
}
