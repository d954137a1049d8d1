using System.Diagnostics;
using System.Text.Json.Nodes;
using Belfry.Core.Storage;
using Belfry.Server.Dispatch;
using Belfry.Server.Health;
using Belfry.Server.Tests.Infrastructure;
using Belfry.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Belfry.Server.Tests.Dispatch;

/// <summary>
/// Faults of the whole store while results wait to be recorded (issue 14, M8; docs/operations.md, "When the store
/// fails"): a real outside <c>sqlite3</c> holding the write lock, and a real file system that fills up (a size-limited
/// tmpfs the test mounts; CI runs as root, elsewhere the test skips). The server is real, over its SQLite file; the
/// recorder's retries wait on the real clock (the outside process holds its lock for real seconds), the rest keeps the
/// fake clock, so no lease runs out meanwhile.
/// </summary>
public sealed class StoreFaultTests : IAsyncLifetime
{
    private BelfryServerFactory? _server;
    private RecordingTarget _target = null!;
    private string? _mount;
    private Process? _locker;

    public async ValueTask InitializeAsync() => _target = await RecordingTarget.StartAsync();

    public async ValueTask DisposeAsync()
    {
        // A failed assertion must not leave the outside sqlite3 holding the lock (or waiting on its input).
        if (_locker is { } locker)
        {
            if (!locker.HasExited)
            {
                locker.Kill(entireProcessTree: true);
            }

            locker.Dispose();
        }

        if (_server is { } server)
        {
            await server.DisposeAsync();
        }

        await _target.DisposeAsync();
        if (_mount is { } mount)
        {
            // The server has let go of its files; lazily if something still holds one, so the mount never outlives the run.
            if (await RunAsync("umount", mount) != 0)
            {
                await RunAsync("umount", "-l", mount);
            }

            Directory.Delete(mount, recursive: true);
        }
    }

    [Fact]
    public async Task Record_OutsideProcessHoldsTheWriteLock_ResultsWaitThenRecordedOnceAndClaimingPausedMeanwhile()
    {
        var sqlite = FindSqlite3();
        var server = Start(dataDirectory: null);
        var claims = await ManualClaims.RunAndClaimAsync(server, _target, "a", "b", "c");
        var api = new ApiClient(server.CreateClient());
        Assert.Equal(200, (await api.CreateAsync(api.Job("later", _target.Url("/later")))).Status);
        Assert.Equal(200, (await api.ActAsync("later", "run")).Status);
        var degraded = WhenDegraded(server);

        // Another process takes SQLite's write lock and holds it 5 s: longer than busy_timeout (2 s), so the commits fail with SQLITE_BUSY.
        var locker = Process.Start(new ProcessStartInfo(sqlite, Path.Combine(server.DataDirectory, "belfry.db"))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        })!;
        _locker = locker;
        await locker.StandardInput.WriteLineAsync("BEGIN IMMEDIATE;\nSELECT 'locked';");
        await locker.StandardInput.FlushAsync(TestContext.Current.CancellationToken);
        Assert.Equal("locked", await locker.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken));
        await locker.StandardInput.WriteLineAsync(".shell sleep 5\nCOMMIT;\n.quit");
        await locker.StandardInput.FlushAsync(TestContext.Current.CancellationToken);

        var runner = server.Services.GetRequiredService<DeliveryRunner>();
        var reason = await StartAllUntilDegradedAsync(runner, claims, degraded);
        Assert.Contains("SQLITE_BUSY", reason, StringComparison.Ordinal);
        await AssertReadyAsync(server, 503, "SQLITE_BUSY");
        await server.Dispatcher.RunOnceAsync(TestContext.Current.CancellationToken);
        Assert.Equal("PENDING", (await api.OnlyExecutionAsync("later")).State);
        Assert.Equal(3, _target.Requests.Count);

        await locker.WaitForExitAsync(TestContext.Current.CancellationToken);
        await AssertRecoveredAsync(server, runner, api);
        await server.DispatchAsync();
        Assert.Equal(("SUCCEEDED", 1), await api.OnlyExecutionAsync("later"));
    }

    [Fact]
    public async Task Record_FileSystemFills_ResultsWaitUntilSpaceIsFreedThenRecordedOnce()
    {
        _mount = Path.Combine(Path.GetTempPath(), "belfry-tests", "full-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_mount);
        if (await RunAsync("mount", "-t", "tmpfs", "-o", "size=16m,mode=0700", "tmpfs", _mount) != 0)
        {
            Directory.Delete(_mount);
            _mount = null;
            Assert.SkipUnless(TestEnvironment.IsCi, "mounting a small tmpfs needs root (CAP_SYS_ADMIN); CI runs as root");
            Assert.Fail("CI must be able to mount a tmpfs for the full-disk test (it runs as root).");
        }

        var server = Start(_mount);
        var claims = await ManualClaims.RunAndClaimAsync(server, _target, "a", "b", "c");
        var api = new ApiClient(server.CreateClient());
        var degraded = WhenDegraded(server);

        // An empty WAL (checkpointed and truncated), then nothing left: the next commit needs blocks it cannot have.
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(_mount, "belfry.db")};Pooling=False"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await checkpoint.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var filler = Path.Combine(_mount, "filler");
        Fill(filler);

        var runner = server.Services.GetRequiredService<DeliveryRunner>();
        var reason = await StartAllUntilDegradedAsync(runner, claims, degraded);
        Assert.Contains("SQLITE_FULL", reason, StringComparison.Ordinal);
        await AssertReadyAsync(server, 503, "SQLITE_FULL");
        Assert.Equal(("RUNNING", 0), await api.OnlyExecutionAsync("a"));

        File.Delete(filler);
        await AssertRecoveredAsync(server, runner, api);
        Assert.Equal(3, _target.Requests.Count);
    }

    private BelfryServerFactory Start(string? dataDirectory)
    {
        var server = new BelfryServerFactory(dataDirectory)
        {
            // The recorder's retries on the real clock: the fault lasts real seconds.
            ConfigureServices = services => services.AddSingleton(sp => ActivatorUtilities.CreateInstance<AttemptRecorder>(sp, TimeProvider.System)),
        };
        _server = server;
        return server;
    }

    private static async Task<string> StartAllUntilDegradedAsync(DeliveryRunner runner, IReadOnlyList<ClaimedAttempt> claims, Task<string> degraded)
    {
        foreach (var claim in claims)
        {
            runner.Start(claim, TestContext.Current.CancellationToken);
        }

        return await degraded.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
    }

    /// <summary>Once the fault is gone: a, b and c each recorded once, ready again, and one line each way.</summary>
    private static async Task AssertRecoveredAsync(BelfryServerFactory server, DeliveryRunner runner, ApiClient api)
    {
        await runner.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        foreach (var id in new[] { "a", "b", "c" })
        {
            Assert.Equal(("SUCCEEDED", 1), await api.OnlyExecutionAsync(id));
        }

        await AssertReadyAsync(server, 200, "ok");
        Assert.Single(RecorderLogs(server), e => e.EventId == 15);
        Assert.Single(RecorderLogs(server), e => e.EventId == 16);
    }

    private static IEnumerable<LogEntry> RecorderLogs(BelfryServerFactory server) =>
        server.Logs.Entries.Where(e => e.Category == typeof(AttemptRecorder).FullName);

    private static Task<string> WhenDegraded(BelfryServerFactory server)
    {
        var degraded = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Services.GetRequiredService<StoreHealth>().Changed += health =>
        {
            if (health.Problem is { } problem)
            {
                degraded.TrySetResult(problem);
            }
        };
        return degraded.Task;
    }

    private static async Task AssertReadyAsync(BelfryServerFactory server, int status, string contains)
    {
        using var response = await server.CreateClient().GetAsync(new Uri("/readyz", UriKind.Relative), TestContext.Current.CancellationToken);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(contains, body.ToJsonString(), StringComparison.Ordinal);
    }

    /// <summary>Writes <paramref name="path"/> until the file system has no block left.</summary>
    private static void Fill(string path)
    {
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1);
        foreach (var size in new[] { 1 << 20, 64 << 10, 4 << 10, 512 })
        {
            var chunk = new byte[size];
            try
            {
                while (true)
                {
                    file.Write(chunk);
                }
            }
            catch (IOException)
            {
                // Full at this size; smaller chunks take what is left.
            }
        }
    }

    private static string FindSqlite3()
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin")
            .Select(directory => Path.Combine(directory, "sqlite3"))
            .FirstOrDefault(File.Exists);
        Assert.SkipWhen(found is null && !TestEnvironment.IsCi, "sqlite3 is not installed (apt-get install sqlite3; .ci/run installs it)");
        Assert.NotNull(found);
        return found;
    }

    private static async Task<int> RunAsync(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }
}
