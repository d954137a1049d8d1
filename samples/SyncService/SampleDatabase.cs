using System.Globalization;
using Belfry.AspNetCore;
using Microsoft.Data.Sqlite;

namespace SyncService;

/// <summary>
/// The sample's own data: plain INSERTs (no upserts), so a duplicate run would show as duplicate rows — the ledger,
/// not the SQL, is what keeps each run to one. Every handler also counts its real runs in <c>handler_runs</c>.
/// </summary>
internal sealed class SampleDatabase(SampleSettings settings)
{
    private static readonly string[] SourceItems = ["orders", "customers", "inventory"];
    private readonly string _connectionString = new SqliteConnectionStringBuilder { DataSource = settings.DatabasePath, Pooling = true }.ToString();

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS synced_records (id INTEGER PRIMARY KEY AUTOINCREMENT, run_date TEXT NOT NULL, item TEXT NOT NULL, value INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS raw_events (id INTEGER PRIMARY KEY AUTOINCREMENT, run_date TEXT NOT NULL, kind TEXT NOT NULL, amount INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS merged_totals (id INTEGER PRIMARY KEY AUTOINCREMENT, run_date TEXT NOT NULL, kind TEXT NOT NULL, total INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS reports (id INTEGER PRIMARY KEY AUTOINCREMENT, run_date TEXT NOT NULL, line TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS handler_runs (handler TEXT NOT NULL, job TEXT NOT NULL, run_key TEXT NOT NULL, count INTEGER NOT NULL,
                                                     PRIMARY KEY (handler, job, run_key));
            """;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>/sync: copies the day's records from the "source" (a deterministic stand-in for an external API).</summary>
    public Task<int> SyncAsync(BatchContext run, CancellationToken cancellationToken) =>
        InTransactionAsync("sync", run, async (connection, transaction) =>
        {
            var day = run.RunDate.DayNumber;
            foreach (var item in SourceItems)
            {
                await ExecuteAsync(connection, transaction, "INSERT INTO synced_records (run_date, item, value) VALUES ($date, $item, $value)",
                    cancellationToken, ("$date", Date(run)), ("$item", item), ("$value", (day * 7 + item.Length) % 1000));
            }

            return SourceItems.Length;
        }, cancellationToken);

    /// <summary>Step 1: fetch the day's raw events.</summary>
    public Task<int> FetchAsync(BatchContext run, CancellationToken cancellationToken) =>
        InTransactionAsync("pipeline-step1", run, async (connection, transaction) =>
        {
            var rows = 0;
            foreach (var (kind, amount) in new[] { ("sale", 120), ("sale", 80), ("refund", 30) })
            {
                rows += await ExecuteAsync(connection, transaction, "INSERT INTO raw_events (run_date, kind, amount) VALUES ($date, $kind, $amount)",
                    cancellationToken, ("$date", Date(run)), ("$kind", kind), ("$amount", amount));
            }

            return rows;
        }, cancellationToken);

    /// <summary>Step 2: merge the raw events into totals per kind.</summary>
    public Task<int> MergeAsync(BatchContext run, CancellationToken cancellationToken) =>
        InTransactionAsync("pipeline-step2", run, (connection, transaction) =>
            ExecuteAsync(connection, transaction,
                "INSERT INTO merged_totals (run_date, kind, total) SELECT run_date, kind, SUM(amount) FROM raw_events WHERE run_date = $date GROUP BY kind",
                cancellationToken, ("$date", Date(run))), cancellationToken);

    /// <summary>Step 3: write the day's report line.</summary>
    public Task<int> ReportAsync(BatchContext run, CancellationToken cancellationToken) =>
        InTransactionAsync("pipeline-step3", run, (connection, transaction) =>
            ExecuteAsync(connection, transaction,
                "INSERT INTO reports (run_date, line) SELECT $date, group_concat(kind || '=' || total, ', ') FROM merged_totals WHERE run_date = $date",
                cancellationToken, ("$date", Date(run))), cancellationToken);

    public async Task<IReadOnlyList<HandlerRuns>> HandlerRunsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT handler, job, run_key, count FROM handler_runs ORDER BY handler, job, run_key";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var runs = new List<HandlerRuns>();
        while (await reader.ReadAsync(cancellationToken))
        {
            runs.Add(new HandlerRuns(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3)));
        }

        return runs;
    }

    private async Task<int> InTransactionAsync(
        string handler, BatchContext run, Func<SqliteConnection, SqliteTransaction, Task<int>> work, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var rows = await work(connection, transaction);
        await ExecuteAsync(connection, transaction,
            "INSERT INTO handler_runs (handler, job, run_key, count) VALUES ($handler, $job, $key, 1) " +
            "ON CONFLICT (handler, job, run_key) DO UPDATE SET count = count + 1",
            cancellationToken, ("$handler", handler), ("$job", run.JobName), ("$key", run.RunKey));
        await transaction.CommitAsync(cancellationToken);
        return rows;
    }

    private static async Task<int> ExecuteAsync(
        SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Date(BatchContext run) => run.RunDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
