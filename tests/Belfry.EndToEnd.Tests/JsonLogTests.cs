using System.Text.Json;
using System.Text.Json.Nodes;
using Belfry.EndToEnd.Tests.Infrastructure;
using Belfry.Testing;

namespace Belfry.EndToEnd.Tests;

/// <summary>
/// Issue 13, point 3: <c>belfry serve --log-format=json</c> writes every log line as one JSON object, and one line per
/// attempt outcome with job, location, execution, attempt, status, HTTP status, duration and severity (ERROR on
/// failure), without the job's secrets. A real server process delivering over loopback; its stdout is read line by line.
/// </summary>
public sealed class JsonLogTests : IAsyncLifetime
{
    private const string Secret = "s3cr3t-api-key-91c4";
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "belfry-e2e", Guid.NewGuid().ToString("N"));
    private RecordingTarget _target = null!;
    private ServerProcess _server = null!;

    public async ValueTask InitializeAsync()
    {
        _target = await RecordingTarget.StartAsync();
        _target.Respond = (request, _) => Task.FromResult(request.Path == "/broken" ? 503 : 200);
        _server = ServerProcess.Start(_dataDirectory, ServerProcess.FreePort(), arguments: ["--log-format=json"]);
        await _server.WaitReadyAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _target.DisposeAsync();
    }

    [Fact]
    public async Task ServeWithJsonLogs_FailingAndSucceedingJobs_OneStructuredLinePerAttempt()
    {
        await CreateAndRunAsync("sync-daily-data", "/sync");
        await CreateAndRunAsync("sync-broken", "/broken");

        var lines = await WaitForAttemptLinesAsync(2);
        var entries = _server.StandardOutputLines.Select(ParseObject).ToList();
        Assert.All(entries, entry =>
        {
            Assert.True(DateTimeOffset.TryParse((string?)entry["timestamp"], System.Globalization.CultureInfo.InvariantCulture, out _), entry.ToJsonString());
            Assert.Contains((string?)entry["severity"], new[] { "DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL" });
            Assert.False(string.IsNullOrEmpty((string?)entry["category"]), entry.ToJsonString());
            Assert.NotNull((string?)entry["message"]);
        });

        var succeeded = Assert.Single(lines, l => (string?)l["job"] == "sync-daily-data");
        Assert.Equal("INFO", (string?)succeeded["severity"]);
        Assert.Equal("SUCCEEDED", (string?)succeeded["status"]);
        Assert.Equal(200, (int?)succeeded["httpStatus"]);
        await AssertAttemptFieldsAsync(succeeded, "sync-daily-data");

        var failed = Assert.Single(lines, l => (string?)l["job"] == "sync-broken");
        Assert.Equal("ERROR", (string?)failed["severity"]);
        Assert.Equal("FAILED", (string?)failed["status"]);
        Assert.Equal(503, (int?)failed["httpStatus"]);
        Assert.Equal("HTTP 503", (string?)failed["error"]);
        await AssertAttemptFieldsAsync(failed, "sync-broken");

        // The job's header value never reaches the log, nor does the target's URL.
        Assert.DoesNotContain(Secret, _server.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(_target.BaseUrl, string.Join('\n', _server.StandardOutputLines), StringComparison.Ordinal);
    }

    private async Task AssertAttemptFieldsAsync(JsonObject line, string job)
    {
        Assert.Equal("Belfry.Server.Dispatch.Dispatcher", (string?)line["category"]);
        Assert.Equal("asia-northeast1", (string?)line["location"]);
        Assert.Equal("default", (string?)line["project"]);
        Assert.Equal(1, (int?)line["attempt"]);
        Assert.InRange((double?)line["durationMs"] ?? -1, 0, 60_000);
        var executions = await BelfryAsync("scheduler", "jobs", "executions", job, "--location=asia-northeast1", "--format=json");
        Assert.True(executions.ExitCode == 0, executions.ToString());
        var node = JsonNode.Parse(executions.Stdout)!;
        var name = (string?)(node is JsonArray array ? array : node["executions"]!.AsArray()).Single()!["name"];
        Assert.Equal(name!.Split('/')[^1], (string?)line["execution"]);
        Assert.Contains((string)line["execution"]!, (string?)line["message"], StringComparison.Ordinal);
    }

    private async Task CreateAndRunAsync(string id, string path)
    {
        // January 1st at midnight: never due while the test runs, so only `run` fires it.
        var create = await BelfryAsync("scheduler", "jobs", "create", "http", id, "--location=asia-northeast1", "--schedule=0 0 1 1 *",
            $"--uri={_target.Url(path)}", $"--headers=X-Api-Key={Secret}");
        Assert.True(create.ExitCode == 0, create.ToString());
        var run = await BelfryAsync("scheduler", "jobs", "run", id, "--location=asia-northeast1");
        Assert.True(run.ExitCode == 0, run.ToString());
    }

    /// <summary>The attempt outcome lines (event 7 or 2 of the dispatcher), once <paramref name="count"/> were written.</summary>
    private async Task<List<JsonObject>> WaitForAttemptLinesAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var lines = _server.StandardOutputLines.Select(ParseObject)
                .Where(l => (string?)l["category"] == "Belfry.Server.Dispatch.Dispatcher" && (int?)l["eventId"] is 7 or 2)
                .ToList();
            if (lines.Count >= count || DateTime.UtcNow > deadline)
            {
                Assert.True(lines.Count == count, _server.Output);
                return lines;
            }

            // The console logger writes from its own queue: poll the output the process has written so far.
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    private static JsonObject ParseObject(string line)
    {
        try
        {
            return JsonNode.Parse(line) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException e)
        {
            throw new Xunit.Sdk.XunitException($"not one JSON object: {line} ({e.Message})");
        }
    }

    private Task<CliResult> BelfryAsync(params string[] args) => BelfryBinary.RunAsync(_server.Endpoint, args);
}
