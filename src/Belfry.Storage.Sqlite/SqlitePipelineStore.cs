using Belfry.Core.Jobs;
using Belfry.Core.Pipelines;
using Belfry.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Belfry.Storage.Sqlite;

/// <summary>Pipelines: definitions and their step jobs (docs/pipelines.md).</summary>
internal sealed partial class SqlitePipelineStore(SqliteDatabase database) : IPipelineStore
{
    private const string PipelinePageKind = "pipelines.v1";

    // SQLite's changes() counts the last statement's rows: 1 when the pipeline itself was deleted.
    private const string DeleteSql = PipelineSql.DeleteWithRuns + "\nSELECT changes();";

    public Task CreatePipelineAsync(Pipeline pipeline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return database.WriteAsync(async (connection, transaction) =>
        {
            await using (var insert = SqliteSql.Command(connection, transaction, PipelineSql.Insert).BindPipeline(pipeline, SqliteDialect.Instance))
            {
                if (await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
                {
                    throw new ResourceAlreadyExistsException(pipeline.Name.FullName);
                }
            }

            await UpsertStepJobsAsync(connection, transaction, pipeline, cancellationToken).ConfigureAwait(false);
            database.PublishOnCommit(StoreChange.PipelineChanged(pipeline.Name, pipeline.UserUpdateTime));
            return true;
        }, cancellationToken);
    }

    public Task<Pipeline?> GetPipelineAsync(PipelineName name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        return database.ReadAsync((connection, transaction) => FindPipelineAsync(connection, transaction, name, cancellationToken), cancellationToken);
    }

    public Task<PipelinePage> ListPipelinesAsync(LocationName parent, int pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parent);
        var after = PageToken.Decode(pageToken, PipelinePageKind, parent.FullName, keyParts: 1)?[0] ?? "";
        var size = PageToken.ClampPageSize(pageSize);
        return database.ReadAsync(async (connection, transaction) =>
        {
            var names = new List<PipelineName>();
            await using (var command = SqliteSql.Command(connection, transaction, PipelineSql.ListIds).With("@project", parent.Project).With("@location", parent.Location).With("@after", after).With("@limit", size + 1))
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
                pipelines.Add((await FindPipelineAsync(connection, transaction, name, cancellationToken).ConfigureAwait(false))!);
            }

            var next = names.Count > size ? PageToken.Encode(PipelinePageKind, parent.FullName, pipelines[^1].Name.PipelineId) : null;
            return new PipelinePage(pipelines, next);
        }, cancellationToken);
    }

    public Task<bool> UpdatePipelineAsync(Pipeline pipeline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return database.WriteAsync(async (connection, transaction) =>
        {
            await using (var update = SqliteSql.Command(connection, transaction, PipelineSql.Update).BindPipeline(pipeline, SqliteDialect.Instance))
            {
                if (await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
                {
                    return false;
                }
            }

            await UpsertStepJobsAsync(connection, transaction, pipeline, cancellationToken).ConfigureAwait(false);
            database.PublishOnCommit(StoreChange.PipelineChanged(pipeline.Name, pipeline.UserUpdateTime));
            return true;
        }, cancellationToken);
    }

    public Task<bool> DeletePipelineAsync(PipelineName name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        return database.WriteAsync(async (connection, transaction) =>
        {
            // Runs, their executions and the step jobs go with it; an attempt in flight finds its execution gone.
            await using var command = SqliteSql.Command(connection, transaction, DeleteSql).With("@name", name.FullName);
            var deleted = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! == 1;
            if (deleted)
            {
                database.PublishOnCommit(StoreChange.PipelineChanged(name, database.Time.GetUtcNow()));
            }

            return deleted;
        }, cancellationToken);
    }

    internal static async Task<Pipeline?> FindPipelineAsync(
        SqliteConnection connection, SqliteTransaction transaction, PipelineName name, CancellationToken cancellationToken)
    {
        var targets = new Dictionary<string, Job>(StringComparer.Ordinal);
        await using (var jobs = SqliteSql.Command(connection, transaction, PipelineSql.StepJobs).With("@name", name.FullName))
        {
            await using var reader = await jobs.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var job = JobRows.Read(reader, 0, SqliteDialect.Instance);
                targets[job.Name.JobId] = job;
            }
        }

        await using var command = SqliteSql.Command(connection, transaction, PipelineSql.SelectByName).With("@name", name.FullName);
        await using var row = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await row.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return PipelineRows.Read(row, 0, SqliteDialect.Instance, (pipeline, node) =>
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
        SqliteConnection connection, SqliteTransaction transaction, Pipeline pipeline, CancellationToken cancellationToken)
    {
        foreach (var step in pipeline.Steps)
        {
            var job = pipeline.StepJob(step);
            await using var command = SqliteSql.Command(connection, transaction, PipelineSql.UpsertStepJob).BindJob(job, SqliteDialect.Instance).With("@pipelineName", pipeline.Name.FullName);
            if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                // The key names its pipeline, so only a corrupt row can get here.
                throw new InvalidOperationException($"The step job {job.Name.FullName} belongs to another pipeline.");
            }
        }
    }
}
