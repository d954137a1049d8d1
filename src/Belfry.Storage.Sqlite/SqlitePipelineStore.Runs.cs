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
            await using (var command = SqliteSql.Command(connection, transaction, PipelineRunSql.ListIds).With("@name", name.FullName).With("@beforeRunId", before).With("@limit", size + 1))
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

            await using (var check = SqliteSql.Command(connection, transaction, PipelineRunSql.Overlap).With("@name", name.FullName))
            {
                await using var reader = await check.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    RunTransitions.EnsureNoOverlap(name, (OverlapPolicy)reader.GetInt32(0), reader.GetInt32(1));
                }
            }

            var states = run.Steps.ToDictionary(s => s.StepId, s => s.State, StringComparer.Ordinal);
            var nodes = run.Steps.Select(s => new StepNode(s.StepId, s.DependsOn)).ToList();
            await using (var reset = SqliteSql.Command(connection, transaction, SqliteDialect.Statements.PipelineRuns.Resume).With("@run", runId).With("@steps", SqliteValues.JsonArray(RunPlanner.StepsToResume(nodes, states))))
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
            await using (var cancel = SqliteSql.Command(connection, transaction, PipelineRunSql.Cancel).With("@run", runId).With("@now", SqliteValues.Instant(now)))
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
        await using (var command = SqliteSql.Command(connection, transaction, PipelineRunSql.SelectRun).With("@id", runId).With("@name", name.FullName))
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
        await using (var command = SqliteSql.Command(connection, transaction, PipelineRunSql.SelectRunSteps).With("@id", runId))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var execution = reader.IsDBNull(3) ? null : ExecutionRows.Read(reader, 3, SqliteDialect.Instance);
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
            await using var command = SqliteSql.Command(connection, transaction, ExecutionSql.AttemptsOfOne).With("@id", execution.Id);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                attempts.Add(ExecutionRows.ReadAttempt(reader, SqliteDialect.Instance));
            }

            steps[i] = steps[i] with { Execution = execution with { Attempts = attempts } };
        }

        return run with { Steps = steps };
    }
}
