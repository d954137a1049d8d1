using System.Text.Json.Nodes;
using Belfry.EndToEnd.Tests.Infrastructure;
using Belfry.Testing;

namespace Belfry.EndToEnd.Tests;

/// <summary>
/// The article's commands against a real <c>belfry serve</c> process, driven by the real CLI, delivering over real
/// loopback HTTP; and what survives <c>kill -9</c>.
/// </summary>
public sealed class ServeAndCliTests : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "belfry-e2e", Guid.NewGuid().ToString("N"));
    private RecordingTarget _target = null!;
    private ServerProcess _server = null!;

    public async ValueTask InitializeAsync()
    {
        _target = await RecordingTarget.StartAsync();
        _server = await ServerProcess.StartReadyAsync(_dataDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _target.DisposeAsync();
    }

    [Fact]
    public async Task ArticleCommands_CreateListDescribeRun_DeliverToTheTarget()
    {
        var create = await BelfryAsync("scheduler", "jobs", "create", "http", "sync-daily-data", "--location=asia-northeast1",
            "--schedule=0 6 * * *", $"--uri={_target.Url("/sync")}", "--http-method=POST", "--time-zone=Asia/Tokyo",
            "--max-retry-attempts=3", "--min-backoff-duration=10s", "--max-backoff-duration=5m");
        Assert.True(create.ExitCode == 0, create.ToString());

        var list = await BelfryAsync("scheduler", "jobs", "list", "--location=asia-northeast1");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains("sync-daily-data", list.Stdout, StringComparison.Ordinal);
        Assert.Contains("0 6 * * * (Asia/Tokyo)", list.Stdout, StringComparison.Ordinal);
        Assert.Contains("ENABLED", list.Stdout, StringComparison.Ordinal);

        var describe = await BelfryAsync("scheduler", "jobs", "describe", "sync-daily-data", "--location=asia-northeast1", "--format=json");
        Assert.True(describe.ExitCode == 0, describe.ToString());
        var job = JsonNode.Parse(describe.Stdout)!;
        Assert.Equal("projects/default/locations/asia-northeast1/jobs/sync-daily-data", (string?)job["name"]);
        Assert.Equal(3, (int?)job["retryConfig"]!["retryCount"]);
        Assert.Equal("10s", (string?)job["retryConfig"]!["minBackoffDuration"]);
        Assert.Equal("300s", (string?)job["retryConfig"]!["maxBackoffDuration"]);
        var next = DateTimeOffset.Parse((string)job["scheduleTime"]!, System.Globalization.CultureInfo.InvariantCulture);
        var tokyo = TimeZoneInfo.ConvertTime(next, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"));
        Assert.Equal(new TimeSpan(6, 0, 0), tokyo.TimeOfDay);
        Assert.InRange(next - DateTimeOffset.UtcNow, TimeSpan.Zero, TimeSpan.FromDays(1));

        var run = await BelfryAsync("scheduler", "jobs", "run", "sync-daily-data", "--location=asia-northeast1");
        Assert.True(run.ExitCode == 0, run.ToString());
        await _target.WaitForRequestsAsync(1);
        var request = Assert.Single(_target.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/sync", request.Path);
        Assert.Equal("sync-daily-data", request.Header("X-CloudScheduler-JobName"));
        Assert.Equal("manual", request.Header("X-Belfry-Trigger"));
        Assert.EndsWith("+09:00", request.Header("X-CloudScheduler-ScheduleTime"), StringComparison.Ordinal);

        var execution = await WaitForExecutionAsync("sync-daily-data", "asia-northeast1", e => (string?)e["state"] == "SUCCEEDED");
        Assert.Equal(200, (int?)execution["attempts"]![0]!["statusCode"]);
        var executions = await BelfryAsync("scheduler", "jobs", "executions", "sync-daily-data", "--location=asia-northeast1");
        Assert.True(executions.ExitCode == 0, executions.ToString());
        Assert.Contains("SUCCEEDED", executions.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("evil.example", "https://evil.example", "text/plain")]
    [InlineData(null, "https://evil.example", "text/plain")]
    [InlineData(null, null, "text/plain")]
    [InlineData("evil.example", null, "application/json")]
    public async Task BrowserAttack_OnTheRealServer_RefusedAndTheCliSeesNoJob(string? host, string? origin, string contentType)
    {
        // What a page the developer visits can send to 127.0.0.1 (issue 10, H1), over a real socket.
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{_server.Endpoint}/v1/projects/default/locations/local/jobs")
        {
            Content = new StringContent(
                $$$"""{"name":"projects/default/locations/local/jobs/planted","schedule":"* * * * *","httpTarget":{"uri":"{{{_target.Url("/x")}}}"}}""",
                System.Text.Encoding.UTF8, contentType),
        };
        if (host is not null)
        {
            request.Headers.Host = host;
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Contains((int)response.StatusCode, new[] { 403, 415 });
        var list = await BelfryAsync("scheduler", "jobs", "list", "--format=json");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.DoesNotContain("planted", list.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kill9_WithRetryPending_RestartedServerSendsTheRetry()
    {
        _target.Respond = (_, _) => Task.FromResult(_target.Requests.Count == 1 ? 500 : 200);
        // The backoff leaves the kill room to come first, even on a loaded machine.
        await CreateFarFutureJobAsync("retry-me", "--max-retry-attempts=2", "--min-backoff-duration=12s");
        await BelfryAsync("scheduler", "jobs", "run", "retry-me");
        await WaitForExecutionAsync("retry-me", null, e => (int?)e["attemptCount"] == 1 && (string?)e["state"] == "PENDING");

        await _server.KillAsync();
        Assert.Single(_target.Requests);
        await _server.DisposeAsync();
        _server = await ServerProcess.StartReadyAsync(_dataDirectory);
        await _target.WaitForRequestsAsync(2);

        var (first, retry) = (_target.Requests[0], _target.Requests[1]);
        Assert.Equal("2", retry.Header("X-Belfry-Attempt"));
        Assert.Equal(first.Header("X-Belfry-Execution"), retry.Header("X-Belfry-Execution"));
        await WaitForExecutionAsync("retry-me", null, e => (string?)e["state"] == "SUCCEEDED");
    }

    [Fact]
    public async Task Kill9_DuringAnAttempt_RestartedServerRetakesItWithHigherEpoch()
    {
        var hold = new TaskCompletionSource();
        _target.Respond = async (_, aborted) =>
        {
            if (_target.Requests.Count == 1)
            {
                await hold.Task.WaitAsync(aborted);
            }

            return 200;
        };
        await CreateFarFutureJobAsync("in-flight");
        await BelfryAsync("scheduler", "jobs", "run", "in-flight");
        await _target.WaitForRequestsAsync(1);

        await _server.KillAsync();
        await _server.DisposeAsync();
        _server = await ServerProcess.StartReadyAsync(_dataDirectory);
        await _target.WaitForRequestsAsync(2);

        var (first, second) = (_target.Requests[0], _target.Requests[1]);
        Assert.Equal(first.Header("X-Belfry-Execution"), second.Header("X-Belfry-Execution"));
        Assert.True(long.Parse(second.Header("X-Belfry-Epoch"), System.Globalization.CultureInfo.InvariantCulture) >
                    long.Parse(first.Header("X-Belfry-Epoch"), System.Globalization.CultureInfo.InvariantCulture));
        await WaitForExecutionAsync("in-flight", null, e => (string?)e["state"] == "SUCCEEDED");
    }

    [Fact]
    public async Task SecondServer_SameDataDirectory_RefusesToStartWithClearMessage()
    {
        await using var second = ServerProcess.Start(_dataDirectory, ServerProcess.FreePort());

        var exitCode = await second.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        Assert.Contains(Path.GetFullPath(_dataDirectory), second.Output, StringComparison.Ordinal);
        Assert.Contains("already", second.Output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cli_BadFlags_NameTheFlagExitNonZeroAndChangeNothing()
    {
        var badCron = await BelfryAsync("scheduler", "jobs", "create", "http", "bad", "--schedule=61 * * * *", "--uri=http://127.0.0.1:1/x");
        var badDuration = await BelfryAsync("scheduler", "jobs", "create", "http", "bad", "--schedule=0 6 * * *", "--uri=http://127.0.0.1:1/x",
            "--min-backoff-duration=5x");
        var list = await BelfryAsync("scheduler", "jobs", "list", "--format=json");

        Assert.NotEqual(0, badCron.ExitCode);
        Assert.Contains("schedule", badCron.Stderr, StringComparison.Ordinal);
        Assert.NotEqual(0, badDuration.ExitCode);
        Assert.Contains("--min-backoff-duration", badDuration.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, list.ExitCode);
        Assert.DoesNotContain("bad", list.Stdout, StringComparison.Ordinal);
    }

    private Task<CliResult> BelfryAsync(params string[] args) => BelfryBinary.RunAsync(_server.Endpoint, args);

    private async Task CreateFarFutureJobAsync(string id, params string[] extra)
    {
        // January 1st at midnight: never due while the test runs, so only `run` fires it.
        var result = await BelfryAsync(["scheduler", "jobs", "create", "http", id, "--schedule=0 0 1 1 *", $"--uri={_target.Url("/work")}", .. extra]);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    private async Task<JsonNode> WaitForExecutionAsync(string id, string? location, Func<JsonNode, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        string last = "";
        while (DateTime.UtcNow < deadline)
        {
            string[] args = location is null
                ? ["scheduler", "jobs", "executions", id, "--format=json"]
                : ["scheduler", "jobs", "executions", id, $"--location={location}", "--format=json"];
            var result = await BelfryAsync(args);
            last = result.ToString();
            if (result.ExitCode == 0 && JsonNode.Parse(result.Stdout) is { } node)
            {
                var executions = node is JsonArray array ? array : node["executions"]?.AsArray();
                if (executions is { Count: > 0 } && executions[0] is { } newest && condition(newest))
                {
                    return newest;
                }
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("execution never reached the expected state; last answer:\n" + last);
    }
}
