using Belfry.Core.Executions;
using Belfry.Core.Jobs;
using Belfry.Core.Notifications;
using Belfry.Core.Pipelines;
using Belfry.Core.Planning;
using Belfry.Core.Storage;

namespace Belfry.Storage.Sql;

/// <summary>
/// How runs move (docs/pipelines.md, "Runs"): always inside the transaction that changed a step, so a run's state in
/// the store is the truth after a crash at any point.
/// </summary>
internal static class SqlPipelineRuns
{
    /// <summary>
    /// In <see cref="SqlDispatchQueue.RecordAttemptsAsync"/>'s transaction, once a step job's execution is final: when it is the step's
    /// current execution, records the step's state (<see cref="FinalChanges.StepState"/>), tells the pipeline's
    /// <c>notifyOnFailure</c> channels of a failure, and advances the run.
    /// </summary>
    internal static async Task AdvancePipelineRunAsync(
        StoreTransaction transaction, AttemptResult result, PipelineStepState stepState, CancellationToken cancellationToken)
    {
        string runId, stepId;
        await using (var find = transaction.Command(PipelineRunSql.EndStep).With("@id", result.ExecutionId).With("@state", (int)stepState))
        {
            await using var reader = await find.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            (runId, stepId) = (reader.GetString(0), reader.GetString(1));
        }

        // Read the run's steps only once it is ours (READ COMMITTED: each later statement sees what the holder committed).
        await using (var lockRun = transaction.Command(transaction.Statements.PipelineRuns.LockRun).With("@run", runId))
        {
            await lockRun.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var (pipeline, steps) = await ApplyRunAsync(transaction, runId, result.Now, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded && pipeline is not null)
        {
            await NotifyStepFailedAsync(transaction, new PipelineStepRef(pipeline, runId, stepId), steps, result, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Reads the run, asks <see cref="RunAdvance"/> what it does next and writes that: new executions for steps ready to
    /// go, NotRun for steps that never will, and the run's final state; a run that ended lets the time deferred by the
    /// overlap policy start; a run that succeeded after a step had failed tells the pipeline's failure channels. Returns
    /// the run's pipeline and steps in dependency order (null and empty when the run is not Running).
    /// </summary>
    internal static async Task<(PipelineName? Pipeline, IReadOnlyList<StepNode> Steps)> ApplyRunAsync(
        StoreTransaction transaction, string runId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        string pipelineName;
        DateTimeOffset scheduleTime;
        ExecutionTrigger trigger;
        var steps = new List<StepNode>();
        var states = new Dictionary<string, PipelineStepState>(StringComparer.Ordinal);
        await using (var read = transaction.Command(PipelineRunSql.RunningRunSteps).With("@run", runId))
        {
            await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            (pipelineName, scheduleTime, trigger) = ("", default, ExecutionTrigger.Scheduled);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                (pipelineName, scheduleTime, trigger) = (reader.GetString(0), transaction.Dialect.ReadInstant(reader, 1), (ExecutionTrigger)reader.GetInt32(2));
                var step = new StepNode(reader.GetString(3), NotifyJson.ReadStrings(reader.GetString(4)));
                steps.Add(step);
                states[step.Id] = (PipelineStepState)reader.GetInt32(5);
            }
        }

        if (steps.Count == 0 || !PipelineName.TryParse(pipelineName, out var pipeline))
        {
            return (null, []);
        }

        var changes = RunAdvance.Decide(steps, states, scheduleTime, trigger, now);
        var next = changes.StepExecution;
        foreach (var stepId in changes.Dispatch)
        {
            string executionId;
            using (var insert = ExecutionRows.PrepareInsert(transaction))
            {
                executionId = ExecutionRows.SetInsertValues(
                    insert, pipeline.StepJob(stepId), next.ScheduleTime, next.Trigger, ExecutionState.Pending, now, next.Due).Id;
                await insert.ExecuteAsync(cancellationToken).ConfigureAwait(false);
            }

            await SetStepAsync(transaction, runId, stepId, PipelineStepState.Running, executionId, cancellationToken).ConfigureAwait(false);
            await using var link = transaction.Command(PipelineRunSql.InsertStepExecution).With("@execution", executionId).With("@run", runId).With("@step", stepId);
            await link.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var stepId in changes.NotRun)
        {
            await SetStepAsync(transaction, runId, stepId, PipelineStepState.NotRun, null, cancellationToken).ConfigureAwait(false);
        }

        if (changes.FinalState is { } finalState)
        {
            await using (var finish = transaction.Command(PipelineRunSql.FinishRun).With("@state", (int)finalState).With("@finishTime", transaction.Dialect.Instant(changes.FinishTime)).With("@run", runId))
            {
                await finish.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            transaction.CountRunEndOnCommit(finalState);
            if (finalState == PipelineRunState.Succeeded)
            {
                await NotifyRecoveredAsync(transaction, pipeline, runId, scheduleTime, trigger, now, cancellationToken).ConfigureAwait(false);
            }

            await StartDeferredRunAsync(transaction, pipeline, now, cancellationToken).ConfigureAwait(false);
        }

        return (pipeline, steps);
    }

    private static async Task SetStepAsync(
        StoreTransaction transaction, string runId, string stepId, PipelineStepState state, string? executionId,
        CancellationToken cancellationToken)
    {
        await using var command = transaction.Command(PipelineRunSql.SetStep).With("@state", (int)state).With("@execution", executionId).With("@run", runId).With("@step", stepId);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts the pipeline's deferred time as a run when <see cref="DeferredRelease"/> says it may (overlap policy
    /// Coalesce: no run is outstanding) and clears it.
    /// </summary>
    internal static async Task StartDeferredRunAsync(
        StoreTransaction transaction, PipelineName pipeline, DateTimeOffset now, CancellationToken cancellationToken)
    {
        NewExecution start;
        await using (var lockPipeline = transaction.Command(transaction.Statements.PipelineRuns.LockPipeline).With("@name", pipeline.FullName))
        {
            await lockPipeline.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var find = transaction.Command(PipelineRunSql.DeferredTime).With("@name", pipeline.FullName))
        {
            await using var reader = await find.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ||
                DeferredRelease.Decide((JobState)reader.GetInt32(0), transaction.Dialect.ReadNullableInstant(reader, 1), reader.GetBoolean(2), now) is not { } release)
            {
                return;
            }

            start = release;
        }

        await using (var clear = transaction.Command(PipelineRunSql.ClearDeferredTime).With("@name", pipeline.FullName))
        {
            await clear.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await StartRunAsync(transaction, pipeline, start.ScheduleTime, start.Trigger, now, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates a Running run with every step Pending (the graph as defined now), then dispatches its first steps.</summary>
    internal static async Task<string> StartRunAsync(
        StoreTransaction transaction, PipelineName pipeline, DateTimeOffset scheduleTime, ExecutionTrigger trigger,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        string graph;
        await using (var read = transaction.Command(PipelineRunSql.Graph)
            .With("@name", pipeline.FullName))
        {
            graph = await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string ?? throw new ResourceNotFoundException(pipeline.FullName);
        }

        var steps = PipelineGraph.Order(PipelineRows.ReadGraph(graph));
        var runId = Guid.CreateVersion7(now).ToString("N");
        await using (var insert = transaction.Command(PipelineRunSql.InsertRun)
            .With("@id", runId).With("@pipeline", pipeline.FullName).With("@scheduleTime", transaction.Dialect.Instant(scheduleTime))
            .With("@trigger", (int)trigger).With("@now", transaction.Dialect.Instant(now)))
        {
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        for (var i = 0; i < steps.Count; i++)
        {
            await using var step = transaction.Command(PipelineRunSql.InsertStep).With("@run", runId).With("@step", steps[i].Id).With("@position", i).With("@dependsOn", NotifyJson.WriteStrings(steps[i].DependsOn));
            await step.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await ApplyRunAsync(transaction, runId, now, cancellationToken).ConfigureAwait(false);
        return runId;
    }

    /// <summary>
    /// A failed step (after its last retry): reads what <see cref="RunAdvance.StepFailed"/> needs (the pipeline's routes
    /// and zone, the run's schedule time and trigger, the execution's attempts) and enqueues the event it returns.
    /// </summary>
    private static async Task NotifyStepFailedAsync(
        StoreTransaction transaction, PipelineStepRef step, IReadOnlyList<StepNode> steps, AttemptResult result, CancellationToken cancellationToken)
    {
        OutboxEvent? failure;
        await using (var find = transaction.Command(PipelineRunSql.StepFailed).With("@run", step.RunId).With("@execution", result.ExecutionId))
        {
            await using var reader = await find.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            failure = RunAdvance.StepFailed(
                result, step, steps, NotifyJson.Read(SqlValues.ReadNullableString(reader, 0)), reader.GetString(1), transaction.Dialect.ReadInstant(reader, 2),
                (ExecutionTrigger)reader.GetInt32(3), reader.GetInt32(4));
        }

        if (failure is { } notice)
        {
            await SqlNotificationOutbox.EnqueueAsync(transaction, notice.Channels, notice.Event, result.Now, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A run that succeeded: enqueues <see cref="RunAdvance.RunEnded"/>'s recovery notice when a step of it had failed.</summary>
    private static async Task NotifyRecoveredAsync(
        StoreTransaction transaction, PipelineName pipeline, string runId, DateTimeOffset scheduleTime, ExecutionTrigger trigger, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        OutboxEvent? recovery;
        await using (var find = transaction.Command(PipelineRunSql.RunRecovered).With("@run", runId).With("@name", pipeline.FullName))
        {
            await using var reader = await find.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            recovery = RunAdvance.RunEnded(
                pipeline, runId, PipelineRunState.Succeeded, reader.GetBoolean(2), NotifyJson.Read(SqlValues.ReadNullableString(reader, 0)),
                reader.GetString(1), scheduleTime, trigger, now);
        }

        if (recovery is { } notice)
        {
            await SqlNotificationOutbox.EnqueueAsync(transaction, notice.Channels, notice.Event, now, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// In the claim's transaction: marks the claimed executions that are pipeline steps with their pipeline, run and
    /// step, for the <c>X-Belfry-Pipeline*</c> headers and token claims.
    /// </summary>
    internal static async Task<IReadOnlyList<ClaimedAttempt>> WithPipelineStepsAsync(
        StoreTransaction transaction, List<ClaimedAttempt> attempts, CancellationToken cancellationToken)
    {
        var steps = new Dictionary<string, PipelineStepRef>(StringComparer.Ordinal);
        await using (var command = transaction.Command(transaction.Statements.PipelineRuns.StepsOf).With("@ids", transaction.Dialect.IdList(attempts.Select(a => a.Execution.Id))))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (PipelineName.TryParse(reader.GetString(1), out var pipeline))
                {
                    steps[reader.GetString(0)] = new PipelineStepRef(pipeline, reader.GetString(2), reader.GetString(3));
                }
            }
        }

        return steps.Count == 0 ? attempts : attempts.Select(a => steps.TryGetValue(a.Execution.Id, out var step) ? a with { Step = step } : a).ToList();
    }
}
