using Microsoft.Data.Sqlite;

namespace Belfry.LoadBench.Runs;

/// <summary>
/// A job's finished history written straight into a stopped server's SQLite file, as the dispatcher would have recorded
/// it one by one (as the tests' <c>SimulatedJobHistory</c> does): executions a set period apart over the week before
/// now, each with one attempt, every tenth failed. A week keeps them all inside retention's shortest age, so only the
/// delete's batches remove them. Ids are 'h' and 31 hex digits, apart from the store's UUIDv7s. Also reads, while the
/// server runs (WAL lets a reader in), how much of that history is left.
/// </summary>
internal sealed class FinishedHistory(string file, string jobName)
{
    private const int Chunk = 100_000;
    private static readonly long DurationTicks = TimeSpan.FromMilliseconds(250).Ticks;

    /// <summary>Writes <paramref name="count"/> executions and their attempts, a transaction per 100,000 of them.</summary>
    public async Task WriteAsync(long count, DateTimeOffset now)
    {
        var period = Math.Max(1, TimeSpan.FromDays(7).Ticks / count);
        var start = now.UtcTicks - TimeSpan.FromHours(1).Ticks - (count * period);
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync();
        for (var from = 0L; from < count; from += Chunk)
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                WITH RECURSIVE k(n) AS (SELECT @from UNION ALL SELECT n + 1 FROM k WHERE n + 1 < @to)
                INSERT INTO executions (id, job_name, schedule_time, trigger, state, create_time, first_attempt_time, finish_time, attempt_count, epoch, job_uid)
                SELECT printf('h%031x', n), @job, @start + n * @period, 0, CASE WHEN n % 10 = 9 THEN 3 ELSE 2 END,
                       @start + n * @period, @start + n * @period, @start + n * @period + @duration, 1, 1,
                       (SELECT uid FROM jobs WHERE name = @job)
                FROM k;
                WITH RECURSIVE k(n) AS (SELECT @from UNION ALL SELECT n + 1 FROM k WHERE n + 1 < @to)
                INSERT INTO attempts (execution_id, number, epoch, start_time, duration_ticks, status_code, error, succeeded)
                SELECT printf('h%031x', n), 1, 1, @start + n * @period, @duration, CASE WHEN n % 10 = 9 THEN 503 ELSE 200 END, NULL,
                       CASE WHEN n % 10 = 9 THEN 0 ELSE 1 END
                FROM k;
                """;
            command.Parameters.AddWithValue("@from", from);
            command.Parameters.AddWithValue("@to", Math.Min(count, from + Chunk));
            command.Parameters.AddWithValue("@job", jobName);
            command.Parameters.AddWithValue("@start", start);
            command.Parameters.AddWithValue("@period", period);
            command.Parameters.AddWithValue("@duration", DurationTicks);
            await command.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }
    }

    /// <summary>The job's executions still in the file, and the graves (deleted_jobs) not yet removed.</summary>
    public async Task<(long Executions, long Graves)> LeftAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT count(*) FROM executions WHERE job_name = @job), (SELECT count(*) FROM deleted_jobs)";
        command.Parameters.AddWithValue("@job", jobName);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
