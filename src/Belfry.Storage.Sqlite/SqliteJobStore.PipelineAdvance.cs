using Belfry.Core.Executions;
using Belfry.Core.Notifications;
using Belfry.Core.Pipelines;
using Belfry.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Belfry.Storage.Sqlite;

/// <summary>
/// How runs move (docs/pipelines.md, "Runs"): always inside the transaction that changed a step, so a run's state in
/// the store is the truth after a crash at any point.
/// </summary>
internal sealed partial class SqliteJobStore
{
    /// <summary>
    /// In <see cref="RecordAttemptsAsync"/>'s transaction, once an execution is final: when it is a pipeline step's
    /// current execution, records the step's outcome, tells the pipeline's <c>notifyOnFailure</c> channels of a
    /// failure, and advances the run. A job's own execution costs one indexed read.
    /// </summary>
    private static async Task AdvancePipelineRunAsync(
        SqliteConnection connection, SqliteTransaction transaction, AttemptResult result, CancellationToken cancellationToken)
    {
        string runId;
        await using (var find = SqliteSql.Command(connection, transaction, """
            UPDATE pipeline_run_steps SET state = @state
            WHERE execution_id = @id AND state = 1 /* Running */
            RETURNING run_id
            """).With("@id", result.ExecutionId).With("@state", (int)(result.Succeeded ? PipelineStepState.Succeeded : PipelineStepState.Failed)))
        {
            await using var reader = await find.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            runId = reader.GetString(0);
        }

        if (!result.Succeeded)
        {
            await NotifyStepFailedAsync(connection, transaction, runId, result, cancellationToken).ConfigureAwait(false);
        }

        await ApplyRunAsync(connection, transaction, runId, result.Now, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Asks <see cref="RunPlanner"/> what the run does next and does it: new executions (due now, the run's schedule time
    /// and trigger) for steps ready to go, NotRun for steps that never will, and the run's outcome; a run that ended
    /// lets the time deferred by the overlap policy start.
    /// </summary>
    private static async Task ApplyRunAsync(
        SqliteConnection connection, SqliteTransaction transaction, string runId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        string pipelineName;
        DateTimeOffset scheduleTime;
        ExecutionTrigger trigger;
        var steps = new List<StepNode>();
        var states = new Dictionary<string, PipelineStepState>(StringComparer.Ordinal);
        await using (var read = SqliteSql.Command(connection, transaction, """
            SELECT r.pipeline_name, r.schedule_time, r.trigger, s.step_id, s.depends_on_json, s.state
            FROM pipeline_runs r JOIN pipeline_run_steps s ON s.run_id = r.id
            WHERE r.id = @run AND r.state = 1 /* Running */
            ORDER BY s.position
            """).With("@run", runId))
        {
            await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            (pipelineName, scheduleTime, trigger) = ("", default, ExecutionTrigger.Scheduled);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                (pipelineName, scheduleTime, trigger) = (reader.GetString(0), SqliteValues.ReadInstant(reader, 1), (ExecutionTrigger)reader.GetInt32(2));
                var step = new StepNode(reader.GetString(3), NotifyJson.ReadStrings(reader.GetString(4)));
                steps.Add(step);
                states[step.Id] = (PipelineStepState)reader.GetInt32(5);
            }
        }

        if (steps.Count == 0 || !PipelineName.TryParse(pipelineName, out var pipeline))
        {
            return;
        }

        var decision = RunPlanner.Advance(steps, states);
        foreach (var stepId in decision.Dispatch)
        {
            string executionId;
            using (var insert = ExecutionRows.PrepareInsert(connection))
            {
                executionId = ExecutionRows.SetInsertValues(
                    insert, pipeline.StepJob(stepId), scheduleTime, trigger, ExecutionState.Pending, now, now).Id;
                insert.Execute();
            }

            await SetStepAsync(connection, transaction, runId, stepId, PipelineStepState.Running, executionId, cancellationToken).ConfigureAwait(false);
        }

        foreach (var stepId in decision.NotRun)
        {
            await SetStepAsync(connection, transaction, runId, stepId, PipelineStepState.NotRun, null, cancellationToken).ConfigureAwait(false);
        }

        if (decision.Outcome is { } outcome)
        {
            await using (var finish = SqliteSql.Command(connection, transaction, """
                UPDATE pipeline_runs SET state = @state, finish_time = @now WHERE id = @run
                """).With("@state", (int)outcome).With("@now", SqliteValues.Instant(now)).With("@run", runId))
            {
                await finish.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await StartDeferredRunAsync(connection, transaction, pipeline, now, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task SetStepAsync(
        SqliteConnection connection, SqliteTransaction transaction, string runId, string stepId, PipelineStepState state, string? executionId,
        CancellationToken cancellationToken)
    {
        await using var command = SqliteSql.Command(connection, transaction, """
            UPDATE pipeline_run_steps SET state = @state, execution_id = coalesce(@execution, execution_id)
            WHERE run_id = @run AND step_id = @step
            """).With("@state", (int)state).With("@execution", executionId).With("@run", runId).With("@step", stepId);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Overlap policy Coalesce: the time that waited for the outstanding run starts once no run is outstanding.</summary>
    private static async Task StartDeferredRunAsync(
        SqliteConnection connection, SqliteTransaction transaction, PipelineName pipeline, DateTimeOffset now, CancellationToken cancellationToken)
    {
        long deferred;
        await using (var find = SqliteSql.Command(connection, transaction, """
            SELECT p.deferred_time FROM pipelines p
            WHERE p.name = @name AND p.state = 1 /* Enabled */ AND p.deferred_time IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM pipeline_runs r WHERE r.pipeline_name = p.name AND r.state = 1 /* Running */)
            """).With("@name", pipeline.FullName))
        {
            if (await find.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not long ticks)
            {
                return;
            }

            deferred = ticks;
        }

        await using (var clear = SqliteSql.Command(connection, transaction, """
            UPDATE pipelines SET deferred_time = NULL, version = version + 1 WHERE name = @name
            """).With("@name", pipeline.FullName))
        {
            await clear.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await StartRunAsync(connection, transaction, pipeline, new DateTimeOffset(deferred, TimeSpan.Zero), ExecutionTrigger.Scheduled, now, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Creates a Running run with every step Pending (the graph as defined now), then dispatches its first steps.</summary>
    private static async Task<string> StartRunAsync(
        SqliteConnection connection, SqliteTransaction transaction, PipelineName pipeline, DateTimeOffset scheduleTime, ExecutionTrigger trigger,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        string graph;
        await using (var read = SqliteSql.Command(connection, transaction, "SELECT steps_json FROM pipelines WHERE name = @name")
            .With("@name", pipeline.FullName))
        {
            graph = await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string ?? throw new ResourceNotFoundException(pipeline.FullName);
        }

        var steps = PipelineGraph.Order(PipelineRows.ReadGraph(graph));
        var runId = Guid.CreateVersion7(now).ToString("N");
        await using (var insert = SqliteSql.Command(connection, transaction, """
            INSERT INTO pipeline_runs (id, pipeline_name, schedule_time, trigger, state, create_time)
            VALUES (@id, @pipeline, @scheduleTime, @trigger, 1 /* Running */, @now)
            """)
            .With("@id", runId).With("@pipeline", pipeline.FullName).With("@scheduleTime", SqliteValues.Instant(scheduleTime))
            .With("@trigger", (int)trigger).With("@now", SqliteValues.Instant(now)))
        {
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        for (var i = 0; i < steps.Count; i++)
        {
            await using var step = SqliteSql.Command(connection, transaction, """
                INSERT INTO pipeline_run_steps (run_id, step_id, position, depends_on_json, state)
                VALUES (@run, @step, @position, @dependsOn, 0 /* Pending */)
                """).With("@run", runId).With("@step", steps[i].Id).With("@position", i).With("@dependsOn", SqliteValues.JsonArray(steps[i].DependsOn));
            await step.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await ApplyRunAsync(connection, transaction, runId, now, cancellationToken).ConfigureAwait(false);
        return runId;
    }

    /// <summary>
    /// A failed step (after its last retry) goes to the pipeline's <c>notifyOnFailure</c> channels as an execution
    /// failure of the step's job (<c>{pipeline}-{step}</c>), with the run's schedule time, attempts and last answer.
    /// </summary>
    private static async Task NotifyStepFailedAsync(
        SqliteConnection connection, SqliteTransaction transaction, string runId, AttemptResult result, CancellationToken cancellationToken)
    {
        NotificationRoutes routes;
        string timeZone;
        DateTimeOffset scheduleTime;
        ExecutionTrigger trigger;
        int attempts;
        await using (var find = SqliteSql.Command(connection, transaction, """
            SELECT p.notify_json, p.time_zone, r.schedule_time, r.trigger, e.attempt_count
            FROM pipeline_runs r JOIN pipelines p ON p.name = r.pipeline_name JOIN executions e ON e.id = @execution
            WHERE r.id = @run
            """).With("@run", runId).With("@execution", result.ExecutionId))
        {
            await using var reader = await find.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            routes = NotifyJson.Read(SqliteValues.ReadNullableString(reader, 0));
            (timeZone, scheduleTime, trigger, attempts) = (reader.GetString(1), SqliteValues.ReadInstant(reader, 2), (ExecutionTrigger)reader.GetInt32(3), reader.GetInt32(4));
        }

        if (routes.OnFailure.Count == 0)
        {
            return;
        }

        var notificationEvent = new NotificationEvent
        {
            Kind = NotificationEventKind.ExecutionFailed,
            Time = result.Now,
            Job = result.Job,
            TimeZone = timeZone,
            ExecutionId = result.ExecutionId,
            ScheduleTime = scheduleTime,
            Trigger = trigger,
            Attempts = attempts,
            StatusCode = result.StatusCode,
            Error = ExecutionNotifications.Excerpt(result.Error ?? result.JobStatus.Message),
        };
        await EnqueueAsync(connection, transaction, routes.OnFailure, notificationEvent, result.Now, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// In the claim's transaction: marks the claimed executions that are pipeline steps with their pipeline, run and
    /// step, for the <c>X-Belfry-Pipeline*</c> headers and token claims.
    /// </summary>
    private static async Task<IReadOnlyList<ClaimedAttempt>> WithPipelineStepsAsync(
        SqliteConnection connection, SqliteTransaction transaction, List<ClaimedAttempt> attempts, CancellationToken cancellationToken)
    {
        var steps = new Dictionary<string, PipelineStepRef>(StringComparer.Ordinal);
        await using (var command = SqliteSql.Command(connection, transaction, """
            SELECT s.execution_id, r.pipeline_name, s.run_id, s.step_id
            FROM pipeline_run_steps s JOIN pipeline_runs r ON r.id = s.run_id
            WHERE s.execution_id IN (SELECT value FROM json_each(@ids))
            """).With("@ids", SqliteValues.JsonArray(attempts.Select(a => a.Execution.Id))))
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
