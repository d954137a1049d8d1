using Belfry.Core.Jobs;
using Belfry.Core.Pipelines;
using Belfry.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Belfry.Storage.Sqlite;

/// <summary>Pipelines: definitions and their step jobs (docs/pipelines.md).</summary>
internal sealed partial class SqlitePipelineStore(SqliteDatabase database) : IPipelineStore
{
    private const string PipelinePageKind = "pipelines.v1";

    public Task CreatePipelineAsync(Pipeline pipeline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return database.WriteAsync(async (connection, transaction) =>
        {
            await using (var insert = SqliteSql.Command(connection, transaction, PipelineSql.Insert).BindPipeline(pipeline))
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
            await using (var update = SqliteSql.Command(connection, transaction, PipelineSql.Update).BindPipeline(pipeline))
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
            await using var command = SqliteSql.Command(connection, transaction, """
                DELETE FROM attempts WHERE execution_id IN
                    (SELECT e.id FROM executions e JOIN jobs j ON j.name = e.job_name WHERE j.pipeline_name = @name);
                DELETE FROM executions WHERE job_name IN (SELECT name FROM jobs WHERE pipeline_name = @name);
                DELETE FROM pipeline_run_steps WHERE run_id IN (SELECT id FROM pipeline_runs WHERE pipeline_name = @name);
                DELETE FROM pipeline_runs WHERE pipeline_name = @name;
                DELETE FROM jobs WHERE pipeline_name = @name;
                DELETE FROM pipelines WHERE name = @name;
                SELECT changes();
                """).With("@name", name.FullName);
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
        await using (var jobs = SqliteSql.Command(connection, transaction, $"""
            SELECT {JobRows.Columns} FROM jobs j WHERE j.pipeline_name = @name
            """).With("@name", name.FullName))
        {
            await using var reader = await jobs.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var job = JobRows.Read(reader, 0);
                targets[job.Name.JobId] = job;
            }
        }

        await using var command = SqliteSql.Command(connection, transaction, $"""
            SELECT {PipelineRows.Columns} FROM pipelines p WHERE p.name = @name
            """).With("@name", name.FullName);
        await using var row = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await row.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return PipelineRows.Read(row, 0, (pipeline, node) =>
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
            await using var command = SqliteSql.Command(connection, transaction, $"""
                INSERT INTO jobs (name, project, location, job_id, last_attempt_time, deferred_time, version,
                    description, schedule, time_zone, uri, http_method, headers_json, body, oidc_email, oidc_audience,
                    retry_count, max_retry_duration_ticks, min_backoff_ticks, max_backoff_ticks, max_doublings,
                    attempt_deadline_ticks, overlap_policy, catch_up_policy, catch_up_window_ticks,
                    state, status_code, status_message, schedule_time, user_update_time,
                    notify_json, missed_run_deadline_ticks, missed_run_since, pipeline_name)
                VALUES (@name, @project, @location, @jobId, @lastAttemptTime, NULL, 1,
                    @description, @schedule, @timeZone, @uri, @httpMethod, @headersJson, @body, @oidcEmail, @oidcAudience,
                    @retryCount, @maxRetryDuration, @minBackoff, @maxBackoff, @maxDoublings,
                    @attemptDeadline, @overlapPolicy, @catchUpPolicy, @catchUpWindow,
                    @state, @statusCode, @statusMessage, @scheduleTime, @userUpdateTime,
                    @notifyJson, @missedRunDeadline, @missedRunSince, @pipelineName)
                ON CONFLICT (name) DO UPDATE SET
                    description = excluded.description, schedule = excluded.schedule, time_zone = excluded.time_zone,
                    uri = excluded.uri, http_method = excluded.http_method, headers_json = excluded.headers_json,
                    body = excluded.body, oidc_email = excluded.oidc_email, oidc_audience = excluded.oidc_audience,
                    retry_count = excluded.retry_count, max_retry_duration_ticks = excluded.max_retry_duration_ticks,
                    min_backoff_ticks = excluded.min_backoff_ticks, max_backoff_ticks = excluded.max_backoff_ticks,
                    max_doublings = excluded.max_doublings, attempt_deadline_ticks = excluded.attempt_deadline_ticks,
                    user_update_time = excluded.user_update_time, version = version + 1,
                    definition_version = definition_version + 1
                WHERE jobs.pipeline_name = excluded.pipeline_name
                """).BindJob(job).With("@pipelineName", pipeline.Name.FullName);
            if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                // The key names its pipeline, so only a corrupt row can get here.
                throw new InvalidOperationException($"The step job {job.Name.FullName} belongs to another pipeline.");
            }
        }
    }
}
