using System.Text;
using System.Text.Json.Nodes;
using Belfry.EndToEnd.Tests.Infrastructure;
using Belfry.Testing;

namespace Belfry.EndToEnd.Tests;

/// <summary>
/// The official Google Cloud Scheduler Node.js client (<c>@google-cloud/scheduler</c>, REST mode, no credentials)
/// against a real <c>belfry serve</c> process behind the admin-API guard (issue 10), open on loopback and with an admin
/// token: every job call it makes must pass the guard and decode. NodeClient/scheduler-client.js makes the calls and
/// prints what it got.
/// </summary>
public sealed class NodeClientTests : IAsyncLifetime
{
    private const string JobName = "projects/node-e2e/locations/us-central1/jobs/node-client";

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "belfry-e2e", Guid.NewGuid().ToString("N"));
    private RecordingTarget _target = null!;

    public async ValueTask InitializeAsync() => _target = await RecordingTarget.StartAsync();

    public async ValueTask DisposeAsync() => await _target.DisposeAsync();

    [Theory]
    [InlineData(null)]
    [InlineData("node-e2e-admin-token")]
    public async Task OfficialNodeClient_EveryJobCall_PassesTheGuardAndRoundTrips(string? adminToken)
    {
        var client = await NodeSchedulerClient.GetAsync();
        TestContext.Current.TestOutputHelper?.WriteLine(client.InstallLog);
        var environment = new Dictionary<string, string>();
        if (adminToken is not null)
        {
            environment["BELFRY_ADMIN_TOKEN"] = adminToken;
        }

        await using var server = await ServerProcess.StartReadyAsync(_dataDirectory, environment: environment);

        var run = await client.RunAsync(new Uri(server.Endpoint), _target.Url("/sync"), adminToken);

        Assert.True(run.ExitCode == 0, $"{run}\n--- server\n{server.Output}");
        var output = JsonNode.Parse(run.Stdout.Trim().Split('\n')[^1])!;
        Assert.True((bool)output["ok"]!, output.ToJsonString());
        var results = output["results"]!;

        // createJob: what the client encoded (enum number, duration strings, base64 body) comes back as it was sent.
        var created = results["createJob"]!;
        Assert.Equal(JobName, (string?)created["name"]);
        Assert.Equal("ENABLED", (string?)created["state"]);
        Assert.Equal("Asia/Tokyo", (string?)created["timeZone"]);
        Assert.Equal("POST", (string?)created["httpMethod"]);
        Assert.Equal("node-client", (string?)created["headers"]!["X-From"]);
        Assert.Equal("""{"hello":"node"}""", (string?)created["body"]);
        Assert.Equal(2, (int?)created["retryCount"]);
        Assert.Equal(10, (double?)created["minBackoffSeconds"]);
        Assert.Equal(60, (double?)created["attemptDeadlineSeconds"]);
        Assert.NotNull((string?)created["scheduleTime"]);

        Assert.Equal(created.ToJsonString(), results["getJob"]!.ToJsonString());

        // listJobs with pageSize 1 followed the server's nextPageToken to the second job.
        Assert.Equal([JobName, JobName + "-2"], results["listJobs"]!.AsArray().Select(n => (string?)n));
        Assert.True((int)results["listRequests"]! >= 2, output.ToJsonString());

        // updateJob's mask (snake_case paths) changed those fields and nothing else.
        var updated = results["updateJob"]!;
        Assert.Equal("updated by @google-cloud/scheduler", (string?)updated["description"]);
        Assert.Equal("30 7 * * 1-5", (string?)updated["schedule"]);
        Assert.Equal(4, (int?)updated["retryCount"]);
        Assert.Equal(10, (double?)updated["minBackoffSeconds"]);
        Assert.Equal("Asia/Tokyo", (string?)updated["timeZone"]);

        Assert.Equal("PAUSED", (string?)results["pauseJob"]!["state"]);
        Assert.Equal("ENABLED", (string?)results["resumeJob"]!["state"]);
        Assert.Equal("ENABLED", (string?)results["runJob"]!["state"]);

        // runJob reached the target with the job's headers and body, and the client saw the attempt on the job.
        await _target.WaitForRequestsAsync(1);
        var delivered = Assert.Single(_target.Requests, r => r.Headers.TryGetValue("X-Belfry-Trigger", out var trigger) && trigger == "manual");
        Assert.Equal("POST", delivered.Method);
        Assert.Equal("/sync", delivered.Path);
        Assert.Equal("node-client", delivered.Header("X-CloudScheduler-JobName"));
        Assert.Equal("node-client", delivered.Header("X-From"));
        Assert.Equal("""{"hello":"node"}""", Encoding.UTF8.GetString(delivered.Body));
        Assert.NotNull((string?)results["afterRun"]!["lastAttemptTime"]);

        // deleteJob answered {} (google.protobuf.Empty), and the job is gone: the client maps 404 to NOT_FOUND (5).
        Assert.Equal("{}", results["deleteJob"]!.ToJsonString());
        Assert.Equal(5, (int?)results["getDeleted"]!["code"]);

        // The client sends JSON on every call, so the guard's 415 never applies to it.
        foreach (var (method, types) in output["contentTypes"]!.AsObject())
        {
            Assert.True(types!.AsArray().All(t => (string?)t == "application/json"), $"{method}: {types.ToJsonString()}");
        }

        Assert.Equal(adminToken is null ? [null] : ["Bearer <redacted>"], output["authorization"]!.AsArray().Select(a => (string?)a));
        var list = await BelfryBinary.RunAsync(server.Endpoint, environment, "scheduler", "jobs", "list", "--location=us-central1", "--project=node-e2e", "--format=json");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.DoesNotContain("node-client", list.Stdout, StringComparison.Ordinal);
    }
}
