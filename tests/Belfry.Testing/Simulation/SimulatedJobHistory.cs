using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Belfry.Testing.Simulation;

/// <summary>
/// A job's finished executions written straight into the store's SQLite file, a whole stretch of simulated time per
/// statement, as the dispatcher would have recorded them one by one: each with one attempt, every tenth failed. The
/// deleting is left to the real store; this only stands in for deliveries (a year of them in
/// bench/Belfry.LoadBench's <c>retention-year</c> workload, days of them in Belfry.Server.Tests' retention tests).
/// Given several jobs, the <c>k</c>-th execution is job <c>k mod n</c>'s, so each job runs every n periods and every
/// tenth run of each fails (the <c>dashboard</c> workload's million executions over 10,000 jobs).
/// </summary>
public sealed class SimulatedJobHistory(string databasePath, IReadOnlyList<string> jobNames, DateTimeOffset start, TimeSpan period) : IAsyncDisposable
{
    private static readonly long DurationTicks = TimeSpan.FromMilliseconds(250).Ticks;

    public SimulatedJobHistory(string databasePath, string jobName, DateTimeOffset start, TimeSpan period)
        : this(databasePath, [jobName], start, period)
    {
    }

    private readonly SqliteConnection _connection = new($"Data Source={databasePath};Pooling=False");
    private bool _jobsWritten;

    /// <summary>Executions written so far; the <c>k</c>-th is scheduled at start + k × period and finished 250 ms later.</summary>
    public long Written { get; private set; }

    /// <summary>
    /// Of one job's history, the schedule time of the newest succeeded execution written (every tenth, k % 10 = 9,
    /// failed); null before one.
    /// </summary>
    public DateTimeOffset? NewestSuccess
    {
        get
        {
            var k = Written - 1;
            k -= k % 10 == 9 ? 1 : 0;
            return k < 0 ? null : start + (k * period);
        }
    }

    /// <summary>Writes the executions scheduled before <paramref name="until"/> that are not written yet; returns how many.</summary>
    public async Task<long> WriteUntilAsync(DateTimeOffset until, CancellationToken cancellationToken)
    {
        var end = (until - start).Ticks / period.Ticks;
        if (end <= Written)
        {
            return 0;
        }

        await OpenAsync(cancellationToken);
        await WriteJobsAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await _connection.BeginTransactionAsync(cancellationToken);
        await using var command = _connection.CreateCommand();
        command.Transaction = transaction;

        // Ids: 32 hex digits ('e' then the sequence), apart from the store's UUIDv7s.
        command.CommandText = """
            WITH RECURSIVE k(n) AS (SELECT @from UNION ALL SELECT n + 1 FROM k WHERE n + 1 < @to)
            INSERT INTO executions (id, job_name, schedule_time, trigger, state, create_time, first_attempt_time, finish_time, attempt_count, epoch, job_uid)
            SELECT printf('e%031x', n), s.name, @start + n * @period, 0, CASE WHEN (n / @jobs) % 10 = 9 THEN 3 ELSE 2 END,
                   @start + n * @period, @start + n * @period, @start + n * @period + @duration, 1, 1,
                   (SELECT uid FROM jobs WHERE name = s.name)
            FROM k JOIN temp.simulated_jobs s ON s.i = n % @jobs;
            WITH RECURSIVE k(n) AS (SELECT @from UNION ALL SELECT n + 1 FROM k WHERE n + 1 < @to)
            INSERT INTO attempts (execution_id, number, epoch, start_time, duration_ticks, status_code, error, succeeded)
            SELECT printf('e%031x', n), 1, 1, @start + n * @period, @duration, CASE WHEN (n / @jobs) % 10 = 9 THEN 503 ELSE 200 END, NULL,
                   CASE WHEN (n / @jobs) % 10 = 9 THEN 0 ELSE 1 END
            FROM k;
            """;
        command.Parameters.AddWithValue("@from", Written);
        command.Parameters.AddWithValue("@to", end);
        command.Parameters.AddWithValue("@jobs", jobNames.Count);
        command.Parameters.AddWithValue("@start", start.UtcTicks);
        command.Parameters.AddWithValue("@period", period.Ticks);
        command.Parameters.AddWithValue("@duration", DurationTicks);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var written = end - Written;
        Written = end;
        return written;
    }

    /// <summary>
    /// Counts the finished executions written (and changed since) per job and UTC day into <c>job_run_counts</c>, as the
    /// attempt recorder counts each one it finishes (migration 0017's backfill, run again): the dashboard's rates read
    /// the counts, not the executions. Returns how many rows.
    /// </summary>
    public Task<long> CountRunsAsync(CancellationToken cancellationToken) =>
        ScalarAsync("""
            DELETE FROM job_run_counts;
            INSERT INTO job_run_counts (job_name, job_uid, day, runs, successes)
            SELECT e.job_name, e.job_uid, e.schedule_time - e.schedule_time % 864000000000, count(*), sum(CASE WHEN e.state = 2 THEN 1 ELSE 0 END)
            FROM executions e
            JOIN jobs j ON j.name = e.job_name AND j.uid = e.job_uid
            WHERE e.state IN (2, 3)
            GROUP BY e.job_name, e.job_uid, e.schedule_time - e.schedule_time % 864000000000;
            SELECT changes();
            """, cancellationToken);

    /// <summary>Of one job's history, how many of the written executions finished at or after <paramref name="cutoff"/>: what retention must keep of them.</summary>
    public long FinishedSince(DateTimeOffset cutoff)
    {
        // Finished at start + k × period + 250 ms ≥ cutoff ⇔ k ≥ ceil((cutoff − start − 250 ms) / period).
        var firstKept = Math.Max(0, (long)Math.Ceiling((double)(cutoff.UtcTicks - start.UtcTicks - DurationTicks) / period.Ticks));
        return Math.Max(0, Written - firstKept);
    }

    public Task<long> CountAsync(string table, CancellationToken cancellationToken) =>
        ScalarAsync($"SELECT count(*) FROM {table}", cancellationToken);

    public async Task<long> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await OpenAsync(cancellationToken);
        await using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    /// <summary>The jobs by number, once per connection: a temporary table the inserts join on (k mod n).</summary>
    private async Task WriteJobsAsync(CancellationToken cancellationToken)
    {
        if (_jobsWritten)
        {
            return;
        }

        await using var transaction = (SqliteTransaction)await _connection.BeginTransactionAsync(cancellationToken);
        await using var create = _connection.CreateCommand();
        create.Transaction = transaction;
        create.CommandText = "CREATE TEMP TABLE IF NOT EXISTS simulated_jobs (i INTEGER PRIMARY KEY, name TEXT NOT NULL)";
        await create.ExecuteNonQueryAsync(cancellationToken);
        await using var insert = _connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO temp.simulated_jobs (i, name) VALUES (@i, @name)";
        var i = insert.Parameters.Add("@i", SqliteType.Integer);
        var name = insert.Parameters.Add("@name", SqliteType.Text);
        for (var n = 0; n < jobNames.Count; n++)
        {
            (i.Value, name.Value) = (n, jobNames[n]);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        _jobsWritten = true;
    }

    private async Task OpenAsync(CancellationToken cancellationToken)
    {
        if (_connection.State != System.Data.ConnectionState.Open)
        {
            await _connection.OpenAsync(cancellationToken);

            // As the store's own connections (SqliteDatabase): in WAL mode a commit then waits for no fsync, only a
            // checkpoint does. Microsoft.Data.Sqlite's default (FULL) would make every stretch written an fsync, which a
            // dispatcher on the store does not pay.
            await using var pragma = _connection.CreateCommand();
            pragma.CommandText = "PRAGMA synchronous = NORMAL";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
