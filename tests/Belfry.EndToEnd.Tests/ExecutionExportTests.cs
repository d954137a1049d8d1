using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Belfry.EndToEnd.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Belfry.EndToEnd.Tests;

/// <summary>
/// <c>belfry executions export</c> of a million executions through a real <c>belfry serve</c> and the real CLI, each
/// its own process: every row arrives once, in finish order, and neither process's peak memory comes near what holding
/// the export would take (issue 13, "Warehouse export": paged from the store with constant memory).
/// </summary>
public sealed class ExecutionExportTests : IAsyncLifetime
{
    private const int Rows = 1_000_000;

    /// <summary>Bytes per row a process may peak at: holding the export (≈ 290 bytes a row as UTF-8, twice that as .NET strings) needs more.</summary>
    private const long BytesPerRow = 200;

    private const string JobName = "projects/default/locations/local/jobs/bulk";
    private static readonly DateTimeOffset Base = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "belfry-e2e", Guid.NewGuid().ToString("N"));
    private ServerProcess? _server;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Export_MillionRowsThroughServerAndCli_EveryRowOnceAndPeakMemoryBounded()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Peak memory is read from /proc/PID/status.");
        var total = Stopwatch.StartNew();

        // The server makes the schema and the job; stopped, the file takes a million rows in one transaction.
        _server = await ServerProcess.StartReadyAsync(_dataDirectory);
        var create = await BelfryBinary.RunAsync(_server.Endpoint, "scheduler", "jobs", "create", "http", "bulk", "--schedule=0 0 1 1 *",
            "--uri=http://127.0.0.1:1/bulk", "--time-zone=Asia/Tokyo");
        Assert.True(create.ExitCode == 0, create.ToString());
        await _server.KillAsync();
        await _server.DisposeAsync();
        var insert = Stopwatch.StartNew();
        InsertFinishedExecutions();
        insert.Stop();

        // The rows finished in 2020: retention (30 days by default) would delete them while they are exported.
        _server = await ServerProcess.StartReadyAsync(_dataDirectory, environment: new Dictionary<string, string> { ["Belfry__Retention__ExecutionAge"] = "0" });
        var serverBefore = PeakMemory.ResidentBytes(_server.ProcessId);
        var export = Stopwatch.StartNew();
        var info = BelfryBinary.StartInfo(["executions", "export", $"--since={Base:yyyy-MM-dd}"],
            new Dictionary<string, string> { ["BELFRY_ENDPOINT"] = _server.Endpoint });
        using var cli = Process.Start(info)!;
        cli.StandardInput.Close();
        var stderr = cli.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        long cliPeak = 0;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            // VmHWM is the kernel's high-water mark: the last sample before exit holds every earlier peak.
            while (!sampling.IsCancellationRequested)
            {
                cliPeak = Math.Max(cliPeak, PeakMemory.PeakBytes(cli.Id) ?? 0);
                await Task.Delay(20, CancellationToken.None);
            }
        }, CancellationToken.None);

        (int Lines, long Bytes, JsonNode? First, JsonNode? Last) counted;
        try
        {
            counted = await CountLinesAsync(cli.StandardOutput);
            await cli.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
        finally
        {
            await sampling.CancelAsync();
            await sampler;
            if (!cli.HasExited)
            {
                cli.Kill();
            }
        }

        var (lines, bytes, first, last) = counted;
        export.Stop();
        var serverPeak = PeakMemory.PeakBytes(_server.ProcessId);

        var figures = $"rows {lines:N0}, {bytes / 1e6:N0} MB of NDJSON; insert {insert.Elapsed.TotalSeconds:N1} s, export {export.Elapsed.TotalSeconds:N1} s, " +
            $"test {total.Elapsed.TotalSeconds:N1} s; peak memory: CLI {cliPeak / 1e6:N0} MB, server {serverPeak / 1e6:N0} MB " +
            $"(resident {serverBefore / 1e6:N0} MB before the export); bound {Rows * BytesPerRow / 1e6:N0} MB each";
        TestContext.Current.SendDiagnosticMessage(figures);
        Console.WriteLine(figures);
        Assert.True(cli.ExitCode == 0, $"exit {cli.ExitCode}: {await stderr}");
        Assert.Equal(Rows, lines);
        Assert.True(JsonNode.DeepEquals(Row(0), first), first?.ToJsonString());
        Assert.True(JsonNode.DeepEquals(Row(Rows - 1), last), last?.ToJsonString());
        Assert.InRange(cliPeak, 1, Rows * BytesPerRow);
        Assert.InRange(serverPeak ?? 0, 1, Rows * BytesPerRow);
    }

    /// <summary>Counts the lines as they come, checking each is the next execution in finish order, and keeps only the first and last.</summary>
    private static async Task<(int Lines, long Bytes, JsonNode? First, JsonNode? Last)> CountLinesAsync(StreamReader output)
    {
        var lines = 0;
        long bytes = 0;
        string? first = null, last = null;
        while (await output.ReadLineAsync(TestContext.Current.CancellationToken) is { } line)
        {
            var expected = Id(lines);
            if (line.Length < 50 || !line.AsSpan(17, 32).SequenceEqual(expected))
            {
                Assert.Fail($"line {lines + 1} is not execution {expected}: {line}");
            }

            first ??= line;
            last = line;
            bytes += line.Length + 1;
            lines++;
        }

        return (lines, bytes, first is null ? null : JsonNode.Parse(first), last is null ? null : JsonNode.Parse(last));
    }

    /// <summary>
    /// A million finished executions of the job, through one prepared INSERT in one transaction: every tenth failed
    /// with HTTP 500, scheduled 10 s apart and lasting up to 6.25 s, so finish order is insertion order.
    /// </summary>
    private void InsertFinishedExecutions()
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(_dataDirectory, "belfry.db"),
            Pooling = false,
        }.ToString());
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO executions (id, job_name, schedule_time, trigger, state, create_time, next_attempt_time,
                                    first_attempt_time, finish_time, attempt_count, epoch, lease_until, last_status_code, last_error, job_uid)
            VALUES ($id, $job, $schedule, 0, $state, $schedule, NULL, $schedule, $finish, 1, 1, NULL, $status, NULL,
                    (SELECT uid FROM jobs WHERE name = $job))
            """;
        var id = command.Parameters.Add("$id", SqliteType.Text);
        command.Parameters.AddWithValue("$job", JobName);
        var schedule = command.Parameters.Add("$schedule", SqliteType.Integer);
        var state = command.Parameters.Add("$state", SqliteType.Integer);
        var finish = command.Parameters.Add("$finish", SqliteType.Integer);
        var status = command.Parameters.Add("$status", SqliteType.Integer);
        command.Prepare();
        for (var i = 0; i < Rows; i++)
        {
            var scheduled = Base.AddSeconds(10L * i);
            id.Value = Id(i);
            schedule.Value = scheduled.UtcTicks;
            state.Value = Failed(i) ? 3 : 2;
            finish.Value = (scheduled + Duration(i)).UtcTicks;
            status.Value = Failed(i) ? 500 : 200;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static bool Failed(int i) => i % 10 == 0;

    private static TimeSpan Duration(int i) => TimeSpan.FromMilliseconds(250 + (i % 7 * 1000));

    private static string Id(int i) => i.ToString("x32", CultureInfo.InvariantCulture);

    /// <summary>Execution <paramref name="i"/> as the export writes it: the article's columns, the run date in Tokyo.</summary>
    private static JsonObject Row(int i)
    {
        var scheduled = Base.AddSeconds(10L * i);
        var finished = scheduled + Duration(i);
        return new JsonObject
        {
            ["execution_id"] = Id(i),
            ["job"] = JobName,
            ["job_name"] = "bulk",
            ["run_date"] = scheduled.ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["status"] = Failed(i) ? "failed" : "success",
            ["started_at"] = scheduled.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            ["finished_at"] = finished.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            ["duration"] = (decimal)Duration(i).TotalSeconds,
            ["error_msg"] = Failed(i) ? "HTTP 500" : null,
        };
    }
}
