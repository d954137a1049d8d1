using System.Data.Common;
using System.Globalization;
using System.Net;
using Belfry.EndToEnd.Tests.Infrastructure;
using Belfry.Testing.Postgres;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Belfry.EndToEnd.Tests;

/// <summary>
/// Issue 12, point 6, with the real sample as a process: <c>ConnectionStrings__Ledger</c> as a SQLite connection string
/// (it used to create a folder named "Data Source="), as a bare path, and as an Npgsql connection string against a
/// real PostgreSQL; a run by hand lands in that ledger. A value it cannot use stops it at start-up.
/// </summary>
public sealed class SyncServiceLedgerTests : IAsyncLifetime
{
    private const string SyncJob = "projects/default/locations/asia-northeast1/jobs/sync-daily-data";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "belfry-e2e", Guid.NewGuid().ToString("N"));
    private readonly List<IAsyncDisposable> _processes = [];

    public ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_root, "cwd"));
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _processes.Count - 1; i >= 0; i--)
        {
            await _processes[i].DisposeAsync();
        }
    }

    [Theory]
    [InlineData("Data Source={0}")]
    [InlineData("{0}")]
    public async Task SqliteLedger_ManualSync_RunRecordedInThatFileAndNoDataSourceFolder(string form)
    {
        var ledgerPath = Path.Combine(_root, "ledgers", "ledger.db");
        var sample = await StartSampleAsync(string.Format(CultureInfo.InvariantCulture, form, ledgerPath));

        await SyncByHandAsync(sample);

        Assert.True(File.Exists(ledgerPath), sample.Output);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_root, "cwd")));
        Assert.False(File.Exists(Path.Combine(sample.DataDirectory, "ledger.db")));
        await using var connection = new SqliteConnection($"Data Source={ledgerPath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        Assert.Equal((SyncJob, "succeeded", 3L), await SingleRunAsync(connection));
    }

    [Fact]
    public async Task PostgresLedger_ManualSync_RunRecordedInThatDatabase()
    {
        var server = await PostgresServer.GetAsync();
        await using var database = await server.CreateDatabaseAsync();
        var sample = await StartSampleAsync(database.ConnectionString);

        await SyncByHandAsync(sample);

        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_root, "cwd")));
        Assert.False(File.Exists(Path.Combine(sample.DataDirectory, "ledger.db")));
        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ToString()))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            Assert.Equal((SyncJob, "succeeded", 3L), await SingleRunAsync(connection));
        }

        // The database is dropped with FORCE when disposed; stop the sample first so it does not log the lost pool.
        await sample.DisposeAsync();
    }

    [Theory]
    [InlineData("Host=db.example;Username=sync;Password=s3cret-pw;Bogus=1")]
    [InlineData("postgres://sync:s3cret-pw@db.example/sync")]
    public async Task UnusableLedgerSetting_Start_ExitsAtOnceNamingTheSettingWithoutThePassword(string configured)
    {
        var sample = Track(SampleProcess.Start("http://127.0.0.1:1", Path.Combine(_root, "sample"),
            new Dictionary<string, string> { ["ConnectionStrings__Ledger"] = configured }, Path.Combine(_root, "cwd")));

        var exitCode = await sample.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, exitCode);
        Assert.Contains("ConnectionStrings__Ledger", sample.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pw", sample.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", sample.Output, StringComparison.Ordinal);
    }

    private async Task<SampleProcess> StartSampleAsync(string ledger)
    {
        var server = Track(await ServerProcess.StartReadyAsync(Path.Combine(_root, "server")));
        return Track(await SampleProcess.StartReadyAsync(server.Endpoint, Path.Combine(_root, "sample"),
            new Dictionary<string, string> { ["ConnectionStrings__Ledger"] = ledger }, Path.Combine(_root, "cwd")));
    }

    private async Task SyncByHandAsync(SampleProcess sample)
    {
        var server = _processes.OfType<ServerProcess>().Single();
        var token = await BelfryBinary.RunAsync(server.Endpoint, "auth", "print-identity-token", $"--audiences={sample.BaseUrl}");
        Assert.True(token.ExitCode == 0, token.ToString());
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, sample.BaseUrl + "/sync");
        request.Headers.Authorization = new("Bearer", token.Stdout.Trim());
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK,
            $"{response.StatusCode}: {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}\n{sample.Output}");
    }

    private static async Task<(string Job, string Status, long Rows)> SingleRunAsync(DbConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT job_name, status, row_count FROM job_executions";
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        Assert.True(await reader.ReadAsync(TestContext.Current.CancellationToken), "no row in job_executions");
        var run = (reader.GetString(0), reader.GetString(1), reader.GetInt64(2));
        Assert.False(await reader.ReadAsync(TestContext.Current.CancellationToken), "more than one row in job_executions");
        return run;
    }

    private T Track<T>(T process)
        where T : IAsyncDisposable
    {
        _processes.Add(process);
        return process;
    }
}
