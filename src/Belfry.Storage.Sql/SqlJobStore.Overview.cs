using Belfry.Core.Jobs;
using Belfry.Core.Storage;

namespace Belfry.Storage.Sql;

/// <summary>The dashboard's overview of a location's jobs: three bounded reads in one transaction (issue 16, point 6).</summary>
internal sealed partial class SqlJobStore
{
    public Task<JobOverview> OverviewAsync(LocationName location, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return database.ReadAsync(async transaction =>
        {
            var byState = new List<KeyValuePair<JobState, int>>();
            await using (var command = Located(transaction, JobSql.CountByState, location))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    byState.Add(new((JobState)reader.GetInt32(0), SqlValues.ReadCount(reader, 1)));
                }
            }

            var failing = new List<Job>();
            var failingTotal = 0;
            await using (var command = Located(transaction, JobSql.FailingPage, location).With("@limit", limit))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    failing.Add(JobRows.Read(reader, 0, transaction.Dialect));
                    failingTotal = SqlValues.ReadCount(reader, JobRows.ColumnCount);
                }
            }

            var next = new List<Job>();
            await using (var command = Located(transaction, JobSql.NextRuns, location).With("@limit", limit))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    next.Add(JobRows.Read(reader, 0, transaction.Dialect));
                }
            }

            return new JobOverview(byState, failing, failingTotal, next);
        }, cancellationToken);
    }

    private static System.Data.Common.DbCommand Located(StoreTransaction transaction, string sql, LocationName location) =>
        transaction.Command(sql).With("@project", location.Project).With("@location", location.Location);
}
