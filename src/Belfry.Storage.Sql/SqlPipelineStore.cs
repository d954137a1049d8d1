using Belfry.Core.Jobs;
using Belfry.Core.Pipelines;
using Belfry.Core.Storage;

namespace Belfry.Storage.Sql;

/// <summary>Pipelines: definitions and their step jobs (docs/pipelines.md).</summary>
internal sealed partial class SqlPipelineStore(SqlDatabase database) : IPipelineStore
{
    private const string PipelinePageKind = "pipelines.v1";

    public Task CreatePipelineAsync(Pipeline pipeline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return database.WriteAsync(async transaction =>
        {
            await InsertAsync(transaction, pipeline, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    public Task<Pipeline?> GetPipelineAsync(PipelineName name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        return database.ReadAsync(transaction => FindPipelineAsync(transaction, name, cancellationToken), cancellationToken);
    }

    public Task<PipelinePage> ListPipelinesAsync(LocationName parent, int pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parent);
        var after = PageToken.Decode(pageToken, PipelinePageKind, parent.FullName, keyParts: 1)?[0] ?? "";
        var size = PageToken.ClampPageSize(pageSize);
        return database.ReadAsync(async transaction =>
        {
            var names = new List<PipelineName>();
            await using (var command = transaction.Command(PipelineSql.ListIds).With("@project", parent.Project).With("@location", parent.Location).With("@after", after).With("@limit", size + 1))
            {
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    names.Add(new PipelineName(parent.Project, parent.Location, reader.GetString(0)));
                }
            }

            var pipelines = new List<Pipeline>();
            foreach (var name in names.Take(size))
            {
                pipelines.Add((await FindPipelineAsync(transaction, name, cancellationToken).ConfigureAwait(false))!);
            }

            var next = names.Count > size ? PageToken.Encode(PipelinePageKind, parent.FullName, pipelines[^1].Name.PipelineId) : null;
            return new PipelinePage(pipelines, next);
        }, cancellationToken);
    }

    public Task<bool> UpdatePipelineAsync(Pipeline pipeline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return database.WriteAsync(transaction => ReplaceAsync(transaction, pipeline, cancellationToken), cancellationToken);
    }

    public Task<bool> DeletePipelineAsync(PipelineName name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        return database.WriteAsync(transaction => RemoveAsync(database, transaction, name, cancellationToken), cancellationToken);
    }

    /// <summary>The insert of <see cref="CreatePipelineAsync"/> in <paramref name="transaction"/> (also a change set's).</summary>
    internal static async Task InsertAsync(StoreTransaction transaction, Pipeline pipeline, CancellationToken cancellationToken)
    {
        await using (var insert = transaction.Command(PipelineSql.Insert).BindPipeline(pipeline, transaction.Dialect))
        {
            if (await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                throw new ResourceAlreadyExistsException(pipeline.Name.FullName);
            }
        }

        await UpsertStepJobsAsync(transaction, pipeline, cancellationToken).ConfigureAwait(false);
        transaction.PublishOnCommit(StoreChange.PipelineChanged(pipeline.Name, pipeline.UserUpdateTime));
    }

    /// <summary>The write of <see cref="UpdatePipelineAsync"/> in <paramref name="transaction"/> (also a change set's).</summary>
    internal static async Task<bool> ReplaceAsync(StoreTransaction transaction, Pipeline pipeline, CancellationToken cancellationToken)
    {
        await using (var update = transaction.Command(PipelineSql.Update).BindPipeline(pipeline, transaction.Dialect))
        {
            if (await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                return false;
            }
        }

        await UpsertStepJobsAsync(transaction, pipeline, cancellationToken).ConfigureAwait(false);
        transaction.PublishOnCommit(StoreChange.PipelineChanged(pipeline.Name, pipeline.UserUpdateTime));
        return true;
    }

    /// <summary>The delete of <see cref="DeletePipelineAsync"/> in <paramref name="transaction"/> (also a change set's).</summary>
    internal static async Task<bool> RemoveAsync(SqlDatabase database, StoreTransaction transaction, PipelineName name, CancellationToken cancellationToken)
    {
        // Runs, their executions and the step jobs go with it; an attempt in flight finds its execution gone.
        await using (var runs = transaction.Command(PipelineSql.DeleteRuns).With("@name", name.FullName))
        {
            await runs.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var command = transaction.Command(PipelineSql.Delete).With("@name", name.FullName);
        var deleted = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        if (deleted)
        {
            transaction.PublishOnCommit(StoreChange.PipelineChanged(name, database.Time.GetUtcNow()));
        }

        return deleted;
    }

    internal static async Task<Pipeline?> FindPipelineAsync(
        StoreTransaction transaction, PipelineName name, CancellationToken cancellationToken)
    {
        var targets = new Dictionary<string, Job>(StringComparer.Ordinal);
        await using (var jobs = transaction.Command(PipelineSql.StepJobs).With("@name", name.FullName))
        {
            await using var reader = await jobs.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var job = JobRows.Read(reader, 0, transaction.Dialect);
                targets[job.Name.JobId] = job;
            }
        }

        await using var command = transaction.Command(PipelineSql.SelectByName).With("@name", name.FullName);
        await using var row = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await row.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return PipelineRows.Read(row, 0, transaction.Dialect, (pipeline, node) =>
        {
            var job = targets[pipeline.StepJob(node.Id).JobId];
            return new PipelineStep(node.Id, node.DependsOn, job.HttpTarget, job.RetryConfig, job.AttemptDeadline);
        });
    }

    /// <summary>
    /// Writes each step's job (Disabled, owned by the pipeline) under its own key, which no user's job can take; a
    /// removed step's job stays, unused, so the history of runs that used it stays readable.
    /// </summary>
    private static async Task UpsertStepJobsAsync(
        StoreTransaction transaction, Pipeline pipeline, CancellationToken cancellationToken)
    {
        foreach (var step in pipeline.Steps)
        {
            var job = pipeline.StepJob(step);
            await using var command = transaction.Command(PipelineSql.UpsertStepJob).BindJob(job, transaction.Dialect).With("@pipelineName", pipeline.Name.FullName);
            if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                // The key names its pipeline, so only a corrupt row can get here.
                throw new InvalidOperationException($"The step job {job.Name.FullName} belongs to another pipeline.");
            }
        }
    }
}
