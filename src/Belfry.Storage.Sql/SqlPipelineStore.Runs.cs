using Belfry.Core.Executions;
using Belfry.Core.Jobs;
using Belfry.Core.Pipelines;
using Belfry.Core.Storage;

namespace Belfry.Storage.Sql;

/// <summary>Pipeline runs: starting (scheduled, manual, deferred), reading, resuming, cancelling, retention.</summary>
internal sealed partial class SqlPipelineStore
{
    private const string RunPageKind = "pipelineRuns.v1";

    public Task<PipelineRun> StartManualRunAsync(PipelineName name, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        return database.WriteAsync(async transaction =>
        {
            var runId = await SqlPipelineRuns.StartRunAsync(transaction, name, now, ExecutionTrigger.Manual, now, cancellationToken).ConfigureAwait(false);
            transaction.PublishOnCommit(StoreChange.PipelineRun(name, now));
            return (await FindRunAsync(transaction, name, runId, cancellationToken).ConfigureAwait(false))!;
        }, cancellationToken);
    }

    public Task<PipelineRun?> GetRunAsync(PipelineName name, string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(runId);
        return database.ReadAsync(transaction => FindRunAsync(transaction, name, runId, cancellationToken), cancellationToken);
    }

    public Task<PipelineRunPage> ListRunsAsync(PipelineName name, int pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        var before = PageToken.Decode(pageToken, RunPageKind, name.FullName, keyParts: 1)?[0];
        var size = PageToken.ClampPageSize(pageSize);
        return database.ReadAsync(async transaction =>
        {
            var ids = new List<string>();
            await using (var command = transaction.Command(PipelineRunSql.ListIds).With("@name", name.FullName).With("@beforeRunId", before).With("@limit", size + 1))
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
                runs.Add((await FindRunAsync(transaction, name, id, cancellationToken).ConfigureAwait(false))!);
            }

            return new PipelineRunPage(runs, ids.Count > size ? PageToken.Encode(RunPageKind, name.FullName, runs[^1].Id) : null);
        }, cancellationToken);
    }

    public Task<PipelineRun> ResumeRunAsync(PipelineName name, string runId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        return database.WriteAsync(async transaction =>
        {
            var run = await FindRunAsync(transaction, name, runId, cancellationToken).ConfigureAwait(false)
                ?? throw new ResourceNotFoundException($"{name.FullName}/runs/{runId}");
            RunTransitions.EnsureResumable(run);

            await using (var check = transaction.Command(PipelineRunSql.Overlap).With("@name", name.FullName))
            {
                await using var reader = await check.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    RunTransitions.EnsureNoOverlap(name, (OverlapPolicy)reader.GetInt32(0), SqlValues.ReadCount(reader, 1));
                }
            }

            var states = run.Steps.ToDictionary(s => s.StepId, s => s.State, StringComparer.Ordinal);
            var nodes = run.Steps.Select(s => new StepNode(s.StepId, s.DependsOn)).ToList();
            await using (var reset = transaction.Command(transaction.Statements.PipelineRuns.Resume).With("@run", runId).With("@steps", transaction.Dialect.IdList(RunPlanner.StepsToResume(nodes, states))))
            {
                await reset.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await SqlPipelineRuns.ApplyRunAsync(transaction, runId, now, cancellationToken).ConfigureAwait(false);
            transaction.PublishOnCommit(StoreChange.PipelineRun(name, now));
            return (await FindRunAsync(transaction, name, runId, cancellationToken).ConfigureAwait(false))!;
        }, cancellationToken);
    }

    public Task<PipelineRun> CancelRunAsync(PipelineName name, string runId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        return database.WriteAsync(async transaction =>
        {
            var run = await FindRunAsync(transaction, name, runId, cancellationToken).ConfigureAwait(false)
                ?? throw new ResourceNotFoundException($"{name.FullName}/runs/{runId}");
            RunTransitions.EnsureCancellable(run);

            // An attempt in flight is fenced out: its execution is no longer Running, so its answer records nothing.
            await using (var cancel = transaction.Command(PipelineRunSql.Cancel).With("@run", runId).With("@now", transaction.Dialect.Instant(now)))
            {
                await cancel.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            transaction.CountRunEndOnCommit(PipelineRunState.Cancelled);

            await SqlPipelineRuns.StartDeferredRunAsync(transaction, name, now, cancellationToken).ConfigureAwait(false);
            transaction.PublishOnCommit(StoreChange.PipelineRun(name, now));
            return (await FindRunAsync(transaction, name, runId, cancellationToken).ConfigureAwait(false))!;
        }, cancellationToken);
    }

    private static async Task<PipelineRun?> FindRunAsync(
        StoreTransaction transaction, PipelineName name, string runId, CancellationToken cancellationToken)
    {
        PipelineRun run;
        await using (var command = transaction.Command(PipelineRunSql.SelectRun).With("@id", runId).With("@name", name.FullName))
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
                ScheduleTime = transaction.Dialect.ReadInstant(reader, 0),
                Trigger = (ExecutionTrigger)reader.GetInt32(1),
                State = (PipelineRunState)reader.GetInt32(2),
                CreateTime = transaction.Dialect.ReadInstant(reader, 3),
                FinishTime = transaction.Dialect.ReadNullableInstant(reader, 4),
            };
        }

        var steps = new List<PipelineRunStep>();
        await using (var command = transaction.Command(PipelineRunSql.SelectRunSteps).With("@id", runId))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var execution = reader.IsDBNull(3) ? null : ExecutionRows.Read(reader, 3, transaction.Dialect);
                steps.Add(new PipelineRunStep(reader.GetString(0), NotifyJson.ReadStrings(reader.GetString(1)), (PipelineStepState)reader.GetInt32(2), execution));
            }
        }

        // Every execution the run gave its steps (the replaced ones too), then all their attempts in one query.
        var executions = new List<(string StepId, Execution Execution)>();
        await using (var command = transaction.Command(PipelineRunSql.SelectRunExecutions).With("@id", runId))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                executions.Add((reader.GetString(0), ExecutionRows.Read(reader, 1, transaction.Dialect)));
            }
        }

        var attempts = executions.ToDictionary(x => x.Execution.Id, _ => new List<Attempt>(), StringComparer.Ordinal);
        if (attempts.Count > 0)
        {
            await using var command = transaction.Command(transaction.Statements.Executions.AttemptsOf).With("@ids", transaction.Dialect.IdList(attempts.Keys));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                attempts[reader.GetString(0)].Add(ExecutionRows.ReadAttempt(reader, transaction.Dialect));
            }
        }

        var history = executions.ToLookup(x => x.StepId, x => x.Execution with { Attempts = attempts[x.Execution.Id] }, StringComparer.Ordinal);
        for (var i = 0; i < steps.Count; i++)
        {
            // The current execution is the step's latest, also when a resume made it in the instant the last one failed.
            var current = steps[i].Execution is { } execution ? history[steps[i].StepId].FirstOrDefault(e => e.Id == execution.Id) ?? execution : null;
            List<Execution> own = [.. history[steps[i].StepId].Where(e => e.Id != current?.Id), .. current is null ? [] : new[] { current }];
            steps[i] = steps[i] with { Execution = current, Executions = own };
        }

        return run with { Steps = steps };
    }

    public Task<int> DeleteFinishedRunsAsync(DateTimeOffset before, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);

        // A claim, as SqlExecutionStore.DeleteFinishedExecutionsAsync: only final runs, which recording leaves alone;
        // resuming one is a write, which never runs beside a claim.
        return database.ClaimAsync(transaction => ExpiredRows.DeleteAsync(
            transaction, transaction.Statements.PipelineRuns.Expired, transaction.Statements.PipelineRuns.Delete, before, max, cancellationToken), cancellationToken);
    }
}
