using Belfry.Core.Executions;
using Belfry.Core.Jobs;
using Belfry.Core.Storage;

namespace Belfry.Storage.Sql;

internal sealed partial class SqlJobStore(SqlDatabase database) : IJobStore
{
    private const string JobPageKind = "jobs.v1";

    public Task CreateJobAsync(Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        return database.WriteAsync(async transaction =>
        {
            await InsertAsync(database, transaction, job, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    public Task<Job?> GetJobAsync(JobName name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        return database.ReadAsync(transaction => FindJobAsync(transaction, name, cancellationToken), cancellationToken);
    }

    public Task<JobPage> ListJobsAsync(LocationName parent, int pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parent);
        var after = PageToken.Decode(pageToken, JobPageKind, parent.FullName, keyParts: 1)?[0];
        var size = PageToken.ClampPageSize(pageSize);
        return database.ReadAsync(async transaction =>
        {
            // Job ids and names are never empty, so "" starts the first page. One row more than the page tells whether
            // another page follows, so the last page has no token. Every location's (locations/-) pages by full name.
            await using var command = (parent.IsAnyLocation
                    ? transaction.Command(JobSql.ListPageAnyLocation)
                    : transaction.Command(JobSql.ListPage).With("@location", parent.Location))
                .With("@project", parent.Project)
                .With("@after", after ?? "")
                .With("@limit", size + 1);
            var jobs = new List<Job>(size + 1);
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    jobs.Add(JobRows.Read(reader, 0, transaction.Dialect));
                }
            }

            if (jobs.Count <= size)
            {
                return new JobPage(jobs, null);
            }

            jobs.RemoveAt(size);
            var last = jobs[^1].Name;
            return new JobPage(jobs, PageToken.Encode(JobPageKind, parent.FullName, parent.IsAnyLocation ? last.FullName : last.JobId));
        }, cancellationToken);
    }

    public Task<bool> UpdateJobAsync(Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        return database.WriteAsync(transaction => ReplaceAsync(database, transaction, job, cancellationToken), cancellationToken);
    }

    public Task<bool> DeleteJobAsync(JobName name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        return database.WriteAsync(transaction => RemoveAsync(database, transaction, name, cancellationToken), cancellationToken);
    }

    public Task<Execution> CreateManualExecutionAsync(JobName name, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        return database.WriteAsync(async transaction =>
        {
            if (!await JobExistsAsync(transaction, name, cancellationToken).ConfigureAwait(false))
            {
                throw new JobNotFoundException(name);
            }

            using var insert = ExecutionRows.PrepareInsert(transaction);
            var execution = ExecutionRows.SetInsertValues(insert, name, now, ExecutionTrigger.Manual, ExecutionState.Pending, now, now);
            await insert.ExecuteAsync(cancellationToken).ConfigureAwait(false);
            transaction.PublishOnCommit(StoreChange.JobRun(name, now));
            return execution;
        }, cancellationToken);
    }

    /// <summary>The insert of <see cref="CreateJobAsync"/> in <paramref name="transaction"/> (also a change set's).</summary>
    internal static async Task InsertAsync(SqlDatabase database, StoreTransaction transaction, Job job, CancellationToken cancellationToken)
    {
        database.Definitions.Forget(job.Name);

        // The version a client sends is meaningless for a new job: every job starts at 1.
        await using var command = transaction.Command(JobSql.Insert).BindJob(job, transaction.Dialect).With("@uid", Guid.NewGuid().ToString("N"));
        if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
        {
            throw new JobAlreadyExistsException(job.Name);
        }

        transaction.PublishOnCommit(StoreChange.JobCreated(job.Name, 1, job.UserUpdateTime));
    }

    /// <summary>The write of <see cref="UpdateJobAsync"/> in <paramref name="transaction"/> (also a change set's).</summary>
    internal static async Task<bool> ReplaceAsync(SqlDatabase database, StoreTransaction transaction, Job job, CancellationToken cancellationToken)
    {
        database.Definitions.Forget(job.Name);

        // last_attempt_time belongs to the dispatcher and is kept; a job that stops being Enabled drops its
        // coalesced time, since resuming plans from now (no backlog).
        bool sameSchedule;
        await using (var previous = transaction.Command(JobSql.CountSameSchedule).With("@name", job.Name.FullName).With("@schedule", job.Schedule).With("@timeZone", job.TimeZone))
        {
            sameSchedule = (long)(await previous.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! == 1;
        }

        // The version the write left, not the one read: plans since the read raised it, and the change must
        // withdraw what they armed (ArmedQueue compares the claim's version with the change's).
        await using var command = transaction.Command(JobSql.Update).BindJob(job, transaction.Dialect).With("@definitionVersion", job.DefinitionVersion);
        if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long version)
        {
            await WithdrawArmedAsync(transaction, job, sameSchedule, cancellationToken).ConfigureAwait(false);
            transaction.PublishOnCommit(StoreChange.JobUpdated(job.Name, version, job.UserUpdateTime));
            return true;
        }

        return await JobExistsAsync(transaction, job.Name, cancellationToken).ConfigureAwait(false)
            ? false
            : throw new JobNotFoundException(job.Name);
    }

    /// <summary>The delete of <see cref="DeleteJobAsync"/> in <paramref name="transaction"/> (also a change set's).</summary>
    internal static async Task<bool> RemoveAsync(SqlDatabase database, StoreTransaction transaction, JobName name, CancellationToken cancellationToken)
    {
        database.Definitions.Forget(name);

        // Its outstanding executions go with it (a Running attempt finds its execution gone and records nothing); its
        // finished history is left to retention, in batches (issue 14, M6).
        await using (var history = transaction.Command(JobSql.BuryHistory)
            .With("@name", name.FullName).With("@now", transaction.Dialect.Instant(database.Time.GetUtcNow())))
        {
            await history.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var command = transaction.Command(JobSql.Delete).With("@name", name.FullName);
        var deleted = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        if (deleted)
        {
            transaction.PublishOnCommit(StoreChange.JobDeleted(name, database.Time.GetUtcNow()));
        }

        return deleted;
    }

    /// <summary>
    /// Withdraws the executions the dispatcher armed ahead (Running, never attempted) whose time is still to come at
    /// the change: they were planned under the old definition. A job still Enabled on the same schedule gets its
    /// schedule time back to the earliest of them, so they are planned again under the new one.
    /// </summary>
    private static async Task WithdrawArmedAsync(
        StoreTransaction transaction, Job job, bool sameSchedule, CancellationToken cancellationToken)
    {
        await using var withdraw = transaction.Command(JobSql.WithdrawArmed).With("@name", job.Name.FullName).With("@changed", transaction.Dialect.Instant(job.UserUpdateTime));
        DateTimeOffset? earliest = null;
        await using (var reader = await withdraw.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var withdrawn = transaction.Dialect.ReadInstant(reader, 0);
                earliest = earliest is { } known && known < withdrawn ? known : withdrawn;
            }
        }

        if (earliest is { } time && sameSchedule && job.State == JobState.Enabled)
        {
            await using var restore = transaction.Command(transaction.Statements.Jobs.RestoreScheduleTime).With("@name", job.Name.FullName).With("@time", transaction.Dialect.Instant(time));
            await restore.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<Job?> FindJobAsync(StoreTransaction transaction, JobName name, CancellationToken cancellationToken)
    {
        await using var command = transaction.Command(JobSql.SelectByName).With("@name", name.FullName);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? JobRows.Read(reader, 0, transaction.Dialect) : null;
    }

    private static async Task<bool> JobExistsAsync(StoreTransaction transaction, JobName name, CancellationToken cancellationToken)
    {
        await using var command = transaction.Command(JobSql.CountByName)
            .With("@name", name.FullName);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! > 0;
    }
}
