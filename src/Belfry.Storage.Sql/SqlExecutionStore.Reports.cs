using Belfry.Core.Executions;
using Belfry.Core.Jobs;
using Belfry.Core.Reports;
using Belfry.Core.Storage;

namespace Belfry.Storage.Sql;

/// <summary>The success-rate report and the export: reads across a location's executions (issue 13).</summary>
internal sealed partial class SqlExecutionStore
{
    /// <summary>The largest export page: a page is one read and one list in memory, whatever the export's length.</summary>
    public const int MaxFinishedPageSize = 5000;

    public Task<IReadOnlyList<JobRunSummary>> SummarizeRunsAsync(LocationName location, DateTimeOffset since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        return database.ReadAsync<IReadOnlyList<JobRunSummary>>(async transaction =>
        {
            await using var command = transaction.Command(transaction.Statements.Executions.RunSummaries)
                .With("@project", location.Project)
                .With("@location", location.Location)
                .With("@since", transaction.Dialect.Instant(since));
            var summaries = new List<JobRunSummary>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var runs = SqlValues.ReadCount(reader, 1);
                var failure = reader.IsDBNull(5)
                    ? null
                    : new RunFailure(transaction.Dialect.ReadInstant(reader, 5), SqlValues.ReadNullableInt32(reader, 6), SqlValues.ReadNullableString(reader, 7));
                summaries.Add(new JobRunSummary(
                    ExecutionRows.ParseJobName(reader.GetString(0)),
                    runs,
                    SqlValues.ReadCount(reader, 2),
                    TimeSpan.FromTicks(reader.GetInt64(3) / runs),
                    SqlValues.ReadDuration(reader, 4),
                    failure));
            }

            return summaries;
        }, cancellationToken);
    }

    public Task<LowestRunRates> LowestRunRatesAsync(LocationName location, DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);

        // The counts are per UTC day: a window starting within a day would count the whole day.
        if (!RunCounts.IsDayStart(since))
        {
            throw new ArgumentException($"The window must start a UTC day, not {since:o}.", nameof(since));
        }

        return database.ReadAsync(async transaction =>
        {
            await using var command = transaction.Command(ExecutionSql.LowestRates)
                .With("@project", location.Project)
                .With("@location", location.Location)
                .With("@since", transaction.Dialect.Instant(since))
                .With("@limit", limit);
            var rates = new List<JobRunRate>();
            var jobs = 0;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rates.Add(new JobRunRate(ExecutionRows.ParseJobName(reader.GetString(0)), SqlValues.ReadCount(reader, 1), SqlValues.ReadCount(reader, 2)));
                jobs = SqlValues.ReadCount(reader, 3);
            }

            return new LowestRunRates(rates, jobs);
        }, cancellationToken);
    }

    public Task<FinishedExecutionPage> ListFinishedAsync(
        LocationName location, DateTimeOffset since, DateTimeOffset until, FinishedExecutionKey? after, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        var size = Math.Min(pageSize, MaxFinishedPageSize);

        // Every id sorts after "", so the first page is the keyset (since, "").
        var (afterTime, afterId) = after is null ? (since, "") : (after.FinishTime, after.Id);
        return database.ReadAsync(async transaction =>
        {
            await using var command = transaction.Command(ExecutionSql.FinishedPage)
                .With("@project", location.Project)
                .With("@location", location.Location)
                .With("@afterTime", transaction.Dialect.Instant(afterTime))
                .With("@afterId", afterId)
                .With("@until", transaction.Dialect.Instant(until))
                .With("@limit", size);
            var rows = new List<FinishedExecutionRow>(size);
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows.Add(new FinishedExecutionRow(ExecutionRows.Read(reader, 0, transaction.Dialect), reader.GetString(ExecutionRows.ColumnCount)));
                }
            }

            // A short page is the last; a full one may be too, which the next (empty) read says.
            FinishedExecutionKey? next = rows.Count < size ? null : Key(rows[^1].Execution);
            return new FinishedExecutionPage(rows, next);
        }, cancellationToken);
    }

    private static FinishedExecutionKey Key(Execution execution) => new(execution.FinishTime!.Value, execution.Id);
}
