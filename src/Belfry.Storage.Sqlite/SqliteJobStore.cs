using Belfry.Core.Executions;
using Belfry.Core.Jobs;
using Belfry.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Belfry.Storage.Sqlite;

internal sealed class SqliteJobStore(SqliteDatabase database) : IJobStore
{
    private const string JobPageKind = "jobs.v1";

    // SQLite's changes() counts the last statement's rows: 1 when the job itself was deleted.
    private const string DeleteSql = JobSql.DeleteWithHistory + "\nSELECT changes();";

    public Task CreateJobAsync(Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        return database.WriteAsync(async (connection, transaction) =>
        {
            database.Definitions.Forget(job.Name);

            // The version a client sends is meaningless for a new job: every job starts at 1.
            await using var command = SqliteSql.Command(connection, transaction, JobSql.Insert).BindJob(job, SqliteDialect.Instance);
            if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                throw new JobAlreadyExistsException(job.Name);
            }

            database.PublishOnCommit(StoreChange.JobCreated(job.Name, 1, job.UserUpdateTime));
            return true;
        }, cancellationToken);
    }

    public Task<Job?> GetJobAsync(JobName name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        return database.ReadAsync((connection, transaction) => FindJobAsync(connection, transaction, name, cancellationToken), cancellationToken);
    }

    public Task<JobPage> ListJobsAsync(LocationName parent, int pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parent);
        var after = PageToken.Decode(pageToken, JobPageKind, parent.FullName, keyParts: 1)?[0];
        var size = PageToken.ClampPageSize(pageSize);
        return database.ReadAsync(async (connection, transaction) =>
        {
            // Job ids are never empty, so "" starts the first page. One row more than the page tells whether another page follows, so the last page has no token.
            await using var command = SqliteSql.Command(connection, transaction, JobSql.ListPage)
                .With("@project", parent.Project)
                .With("@location", parent.Location)
                .With("@after", after ?? "")
                .With("@limit", size + 1);
            var jobs = new List<Job>(size + 1);
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    jobs.Add(JobRows.Read(reader, 0, SqliteDialect.Instance));
                }
            }

            if (jobs.Count <= size)
            {
                return new JobPage(jobs, null);
            }

            jobs.RemoveAt(size);
            return new JobPage(jobs, PageToken.Encode(JobPageKind, parent.FullName, jobs[^1].Name.JobId));
        }, cancellationToken);
    }

    public Task<bool> UpdateJobAsync(Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        return database.WriteAsync(async (connection, transaction) =>
        {
            database.Definitions.Forget(job.Name);

            // last_attempt_time belongs to the dispatcher and is kept; a job that stops being Enabled drops its
            // coalesced time, since resuming plans from now (no backlog).
            bool sameSchedule;
            await using (var previous = SqliteSql.Command(connection, transaction, JobSql.CountSameSchedule).With("@name", job.Name.FullName).With("@schedule", job.Schedule).With("@timeZone", job.TimeZone))
            {
                sameSchedule = (long)(await previous.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! == 1;
            }

            await using var command = SqliteSql.Command(connection, transaction, JobSql.Update).BindJob(job, SqliteDialect.Instance).With("@version", job.Version);
            if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
            {
                await WithdrawArmedAsync(connection, transaction, job, sameSchedule, cancellationToken).ConfigureAwait(false);
                database.PublishOnCommit(StoreChange.JobUpdated(job.Name, job.Version + 1, job.UserUpdateTime));
                return true;
            }

            return await JobExistsAsync(connection, transaction, job.Name, cancellationToken).ConfigureAwait(false)
                ? false
                : throw new JobNotFoundException(job.Name);
        }, cancellationToken);
    }

    public Task<bool> DeleteJobAsync(JobName name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        return database.WriteAsync(async (connection, transaction) =>
        {
            database.Definitions.Forget(name);

            // The job's whole history goes with it; a Running attempt finds its execution gone and records nothing.
            await using var command = SqliteSql.Command(connection, transaction, DeleteSql).With("@name", name.FullName);
            var deleted = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! == 1;
            if (deleted)
            {
                database.PublishOnCommit(StoreChange.JobDeleted(name, database.Time.GetUtcNow()));
            }

            return deleted;
        }, cancellationToken);
    }

    public Task<Execution> CreateManualExecutionAsync(JobName name, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        return database.WriteAsync(async (connection, transaction) =>
        {
            if (!await JobExistsAsync(connection, transaction, name, cancellationToken).ConfigureAwait(false))
            {
                throw new JobNotFoundException(name);
            }

            using var insert = ExecutionRows.PrepareInsert(connection);
            var execution = ExecutionRows.SetInsertValues(insert, name, now, ExecutionTrigger.Manual, ExecutionState.Pending, now, now);
            insert.Execute();
            database.PublishOnCommit(StoreChange.JobRun(name, now));
            return execution;
        }, cancellationToken);
    }

    /// <summary>
    /// Withdraws the executions the dispatcher armed ahead (Running, never attempted) whose time is still to come at
    /// the change: they were planned under the old definition. A job still Enabled on the same schedule gets its
    /// schedule time back to the earliest of them, so they are planned again under the new one.
    /// </summary>
    private static async Task WithdrawArmedAsync(
        SqliteConnection connection, SqliteTransaction transaction, Job job, bool sameSchedule, CancellationToken cancellationToken)
    {
        await using var withdraw = SqliteSql.Command(connection, transaction, JobSql.WithdrawArmed).With("@name", job.Name.FullName).With("@changed", SqliteValues.Instant(job.UserUpdateTime));
        long? earliest = null;
        await using (var reader = await withdraw.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var ticks = reader.GetInt64(0);
                earliest = earliest is { } known && known < ticks ? known : ticks;
            }
        }

        if (earliest is { } time && sameSchedule && job.State == JobState.Enabled)
        {
            await using var restore = SqliteSql.Command(connection, transaction, SqliteDialect.Statements.Jobs.RestoreScheduleTime).With("@name", job.Name.FullName).With("@time", time);
            await restore.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<Job?> FindJobAsync(SqliteConnection connection, SqliteTransaction transaction, JobName name, CancellationToken cancellationToken)
    {
        await using var command = SqliteSql.Command(connection, transaction, JobSql.SelectByName).With("@name", name.FullName);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? JobRows.Read(reader, 0, SqliteDialect.Instance) : null;
    }

    private static async Task<bool> JobExistsAsync(SqliteConnection connection, SqliteTransaction transaction, JobName name, CancellationToken cancellationToken)
    {
        await using var command = SqliteSql.Command(connection, transaction, JobSql.CountByName)
            .With("@name", name.FullName);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! > 0;
    }
}
