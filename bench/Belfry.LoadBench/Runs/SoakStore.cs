using Microsoft.Data.Sqlite;

namespace Belfry.LoadBench.Runs;

/// <summary>
/// Reads the soak server's SQLite file beside it (WAL lets a reader in while the server writes): row counts while it
/// runs, what is still outstanding in the drain, and, after the child has exited, every execution, attempt and
/// notification for the parent's checks. Instants are the store's UTC ticks (db/sqlite/0001_initial.sql).
/// </summary>
internal sealed class SoakStore(string file)
{
    public sealed record Execution(string Id, string JobId, long ScheduleUnix, int State, int AttemptCount, long Epoch);

    public sealed record Attempt(string ExecutionId, int Number, long Epoch, int? StatusCode, bool Succeeded);

    public sealed record Notification(string Id, int State, int AttemptCount);

    public const int Succeeded = 2;
    public const int NotificationDelivered = 2;

    public async Task<(long Executions, long Attempts, long Notifications)> CountsAsync()
    {
        var counts = await ReadAsync(
            "SELECT (SELECT count(*) FROM executions), (SELECT count(*) FROM attempts), (SELECT count(*) FROM notification_outbox)",
            r => (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2)));
        return counts[0];
    }

    /// <summary>Executions pending or running, and notifications pending or being sent.</summary>
    public async Task<long> OutstandingAsync() => (await ReadAsync(
        "SELECT (SELECT count(*) FROM executions WHERE state < 2) + (SELECT count(*) FROM notification_outbox WHERE state < 2)",
        r => r.GetInt64(0)))[0];

    public Task<List<Execution>> ExecutionsAsync() => ReadAsync(
        "SELECT e.id, j.job_id, e.schedule_time, e.state, e.attempt_count, e.epoch FROM executions e JOIN jobs j ON j.name = e.job_name",
        r => new Execution(r.GetString(0), r.GetString(1), Unix(r.GetInt64(2)), r.GetInt32(3), r.GetInt32(4), r.GetInt64(5)));

    public Task<List<Attempt>> AttemptsAsync() => ReadAsync(
        "SELECT execution_id, number, epoch, status_code, succeeded FROM attempts",
        r => new Attempt(r.GetString(0), r.GetInt32(1), r.GetInt64(2), r.IsDBNull(3) ? null : r.GetInt32(3), r.GetInt64(4) != 0));

    public Task<List<Notification>> NotificationsAsync() => ReadAsync(
        "SELECT id, state, attempt_count FROM notification_outbox", r => new Notification(r.GetString(0), r.GetInt32(1), r.GetInt32(2)));

    private static long Unix(long utcTicks) => new DateTimeOffset(utcTicks, TimeSpan.Zero).ToUnixTimeSeconds();

    private async Task<List<T>> ReadAsync<T>(string sql, Func<SqliteDataReader, T> read)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
