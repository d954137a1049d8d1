using Belfry.Core.Executions;
using Belfry.Core.Jobs;
using Belfry.Core.Pipelines;
using Belfry.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Belfry.Storage.Sqlite;

/// <summary>Pipeline runs: starting (scheduled, manual, deferred), reading, resuming, cancelling.</summary>
internal sealed partial class SqlitePipelineStore
{
    private const string RunPageKind = "pipelineRuns.v1";

    public Task<PipelineRun> StartManualRunAsync(PipelineName name, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        return database.WriteAsync(async (connection, transaction) =>
        {
            var runId = await SqlitePipelineRuns.StartRunAsync(connection, transaction, name, now, ExecutionTrigger.Manual, now, cancellationToken).ConfigureAwait(false);
            database.PublishOnCommit(StoreChange.PipelineRun(name, now));
            return (await FindRunAsync(connection, transaction, name, runId, cancellationToken).ConfigureAwait(false))!;
        }, cancellationToken);
    }

    public Task<PipelineRun?> GetRunAsync(PipelineName name, string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(runId);
        return database.ReadAsync((connection, transaction) => FindRunAsync(connection, transaction, name, runId, cancellationToken), cancellationToken);
    }

    public Task<PipelineRunPage> ListRunsAsync(PipelineName name, int pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        var before = PageToken.Decode(pageToken, RunPageKind, name.FullName, keyParts: 1)?[0];
        var size = PageToken.ClampPageSize(pageSize);
        return database.ReadAsync(async (connection, transaction) =>
        {
            var ids = new List<string>();
            await using (var command = SqliteSql.Command(connection, transaction, """
                SELECT id FROM pipeline_runs WHERE pipeline_name = @name AND (@before IS NULL OR id < @before)
                ORDER BY id DESC LIMIT @limit
                """).With("@name", name.FullName).With("@before", before).With("@limit", size + 1))
            {
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    ids.Add(reader.GetString(0));
                }
            }

            var runs = new List<PipelineRun>();
            foreach (var id in ids.Take(size))
            {
                runs.Add((await FindRunAsync(connection, transaction, name, id, cancellationToken).ConfigureAwait(false))!);
            }

            return new PipelineRunPage(runs, ids.Count > size ? PageToken.Encode(RunPageKind, name.FullName, runs[^1].Id) : null);
        }, cancellationToken);
    }

    public Task<PipelineRun> ResumeRunAsync(PipelineName name, string runId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        return database.WriteAsync(async (connection, transaction) =>
        {
            var run = await FindRunAsync(connection, transaction, name, runId, cancellationToken).ConfigureAwait(false)
                ?? throw new ResourceNotFoundException($"{name.FullName}/runs/{runId}");
            RunTransitions.EnsureResumable(run);

            await using (var check = SqliteSql.Command(connection, transaction, """
                SELECT p.overlap_policy, (SELECT count(*) FROM pipeline_runs r WHERE r.pipeline_name = p.name AND r.state = 1)
                FROM pipelines p WHERE p.name = @name
                """).With("@name", name.FullName))
            {
                await using var reader = await check.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    RunTransitions.EnsureNoOverlap(name, (OverlapPolicy)reader.GetInt32(0), reader.GetInt32(1));
                }
            }

            var states = run.Steps.ToDictionary(s => s.StepId, s => s.State, StringComparer.Ordinal);
            var nodes = run.Steps.Select(s => new StepNode(s.StepId, s.DependsOn)).ToList();
            await using (var reset = SqliteSql.Command(connection, transaction, """
                UPDATE pipeline_run_steps SET state = 0 /* Pending */, execution_id = NULL
                WHERE run_id = @run AND step_id IN (SELECT value FROM json_each(@steps));
                UPDATE pipeline_runs SET state = 1 /* Running */, finish_time = NULL WHERE id = @run;
                """).With("@run", runId).With("@steps", SqliteValues.JsonArray(RunPlanner.StepsToResume(nodes, states))))
            {
                await reset.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await SqlitePipelineRuns.ApplyRunAsync(connection, transaction, runId, now, cancellationToken).ConfigureAwait(false);
            database.PublishOnCommit(StoreChange.PipelineRun(name, now));
            return (await FindRunAsync(connection, transaction, name, runId, cancellationToken).ConfigureAwait(false))!;
        }, cancellationToken);
    }

    public Task<PipelineRun> CancelRunAsync(PipelineName name, string runId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        return database.WriteAsync(async (connection, transaction) =>
        {
            var run = await FindRunAsync(connection, transaction, name, runId, cancellationToken).ConfigureAwait(false)
                ?? throw new ResourceNotFoundException($"{name.FullName}/runs/{runId}");
            RunTransitions.EnsureCancellable(run);

            // An attempt in flight is fenced out: its execution is no longer Running, so its answer records nothing.
            await using (var cancel = SqliteSql.Command(connection, transaction, """
                UPDATE executions SET state = 6 /* Cancelled */, next_attempt_time = NULL, lease_until = NULL, finish_time = @now
                WHERE state IN (0, 1) AND id IN (SELECT execution_id FROM pipeline_run_steps WHERE run_id = @run AND state = 1);
                UPDATE pipeline_run_steps SET state = 5 /* Cancelled */ WHERE run_id = @run AND state IN (0, 1);
                UPDATE pipeline_runs SET state = 4 /* Cancelled */, finish_time = @now WHERE id = @run;
                """).With("@run", runId).With("@now", SqliteValues.Instant(now)))
            {
                await cancel.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await SqlitePipelineRuns.StartDeferredRunAsync(connection, transaction, name, now, cancellationToken).ConfigureAwait(false);
            database.PublishOnCommit(StoreChange.PipelineRun(name, now));
            return (await FindRunAsync(connection, transaction, name, runId, cancellationToken).ConfigureAwait(false))!;
        }, cancellationToken);
    }

    private static async Task<PipelineRun?> FindRunAsync(
        SqliteConnection connection, SqliteTransaction transaction, PipelineName name, string runId, CancellationToken cancellationToken)
    {
        PipelineRun run;
        await using (var command = SqliteSql.Command(connection, transaction, """
            SELECT schedule_time, trigger, state, create_time, finish_time FROM pipeline_runs WHERE id = @id AND pipeline_name = @name
            """).With("@id", runId).With("@name", name.FullName))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            run = new PipelineRun
            {
                Id = runId,
                Pipeline = name,
                ScheduleTime = SqliteValues.ReadInstant(reader, 0),
                Trigger = (ExecutionTrigger)reader.GetInt32(1),
                State = (PipelineRunState)reader.GetInt32(2),
                CreateTime = SqliteValues.ReadInstant(reader, 3),
                FinishTime = SqliteValues.ReadNullableInstant(reader, 4),
            };
        }

        var steps = new List<PipelineRunStep>();
        await using (var command = SqliteSql.Command(connection, transaction, $"""
            SELECT s.step_id, s.depends_on_json, s.state, {ExecutionRows.Columns}
            FROM pipeline_run_steps s LEFT JOIN executions e ON e.id = s.execution_id
            WHERE s.run_id = @id ORDER BY s.position
            """).With("@id", runId))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var execution = reader.IsDBNull(3) ? null : ExecutionRows.Read(reader, 3);
                steps.Add(new PipelineRunStep(reader.GetString(0), NotifyJson.ReadStrings(reader.GetString(1)), (PipelineStepState)reader.GetInt32(2), execution));
            }
        }

        for (var i = 0; i < steps.Count; i++)
        {
            if (steps[i].Execution is not { } execution)
            {
                continue;
            }

            var attempts = new List<Attempt>();
            await using var command = SqliteSql.Command(connection, transaction, $"""
                SELECT {ExecutionRows.AttemptColumns} FROM attempts WHERE execution_id = @id ORDER BY number, epoch
                """).With("@id", execution.Id);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                attempts.Add(ExecutionRows.ReadAttempt(reader));
            }

            steps[i] = steps[i] with { Execution = execution with { Attempts = attempts } };
        }

        return run with { Steps = steps };
    }
}
