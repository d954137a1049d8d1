using Belfry.Core.Executions;
using Belfry.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Belfry.Storage.Sqlite;

internal sealed partial class SqliteJobStore
{
    /// <summary>
    /// In <see cref="RecordAttemptAsync"/>'s transaction, once an execution is final: writes what
    /// <see cref="AttemptConsequences.Final"/> decided, in this order: the deferred time, the outbox events, the
    /// remembered outcome (so a recovery is told against the last final outcome even across restarts), the pipeline
    /// step and its run. A job without routes whose outcome did not change costs nothing more than the record's own
    /// statements.
    /// </summary>
    private static async Task ApplyFinalChangesAsync(
        SqliteConnection connection, SqliteTransaction transaction, AttemptRecordCommands commands, AttemptResult result, FinalChanges changes,
        CancellationToken cancellationToken)
    {
        if (changes.CheckDeferredTime)
        {
            await StartDeferredTimeAsync(connection, transaction, result.Job, result.Now, cancellationToken).ConfigureAwait(false);
        }

        // Indexed, not foreach: an interface enumerator would allocate on the hot path.
        for (var i = 0; i < changes.Events.Count; i++)
        {
            var outboxEvent = changes.Events[i];
            await EnqueueAsync(connection, transaction, outboxEvent.Channels, outboxEvent.Event, result.Now, cancellationToken).ConfigureAwait(false);
        }

        if (changes.RememberOutcome is { } outcome)
        {
            commands.RememberOutcome(result.Job.FullName, outcome);
        }

        if (changes.StepState is { } stepState)
        {
            await AdvancePipelineRunAsync(connection, transaction, result, stepState, cancellationToken).ConfigureAwait(false);
        }
    }
}
