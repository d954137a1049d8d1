using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Belfry.Cli.Tests.Infrastructure;

namespace Belfry.Cli.Tests.Scheduler;

/// <summary>
/// Why did it fail? (issue 15, points 1 and 8) against a real server dispatching to a real loopback target that answers
/// 500 with a body: <c>jobs run</c> names the execution it started, and <c>jobs executions</c> shows the failure's
/// status message in ERROR, times in the job's zone and a short duration; <c>jobs describe</c> the job's status message.
/// </summary>
public sealed partial class ExecutionFailureTests
{
    [Fact]
    public async Task RunThenExecutions_TargetAnswers500WithABody_ShowsTheStartedExecutionAndWhyItFailed()
    {
        await using var target = await RecordingServer.StartAsync();
        target.AnswerAlways(500, """{"status":"failed","error":"boom: simulated failure"}""");
        await using var server = await LiveServer.StartAsync("--Belfry:Dispatch:Enabled=true");
        var variables = new Dictionary<string, string> { ["BELFRY_ENDPOINT"] = server.Endpoint };
        Task<CliRun> Belfry(params string[] args) => CliHarness.RunAsync(args, variables);
        var created = await Belfry("scheduler", "jobs", "create", "http", "flaky", "--schedule=0 6 * * *", "--time-zone=Asia/Tokyo",
            $"--uri={target.Endpoint}/sync");
        Assert.True(created.ExitCode == 0, created.Error);

        var run = await Belfry("scheduler", "jobs", "run", "flaky");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Out);
        var started = StartedLine().Match(run.Error);
        Assert.True(started.Success, run.Error);
        var executions = await WaitForFinalAsync(Belfry);
        var execution = Assert.Single(executions.AsArray())!;
        Assert.Equal((started.Groups["name"].Value, "FAILED", "MANUAL"),
            ((string)execution["name"]!, (string)execution["state"]!, (string)execution["trigger"]!));
        var attempt = execution["attempts"]![0]!;
        Assert.Equal(("HTTP 500: boom: simulated failure", """{"status":"failed","error":"boom: simulated failure"}""", "application/json"),
            ((string?)attempt["error"], (string?)attempt["responseExcerpt"], (string?)attempt["responseContentType"]));

        var table = await Belfry("scheduler", "jobs", "executions", "flaky");

        var row = table.Out.Split('\n')[1];
        Assert.Matches(TableRow(), row);
        Assert.EndsWith("HTTP 500: boom: simulated failure", row, StringComparison.Ordinal);
        var describe = await Belfry("scheduler", "jobs", "describe", "flaky");
        Assert.Contains("HTTP 500: boom: simulated failure", describe.Out, StringComparison.Ordinal);
    }

    // Recording is asynchronous after the target answers: ask until the execution is final (30 s at most).
    private static async Task<JsonNode> WaitForFinalAsync(Func<string[], Task<CliRun>> belfry)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            var listed = JsonNode.Parse((await belfry(["scheduler", "jobs", "executions", "flaky", "--format=json"])).Out)!;
            if (listed.AsArray() is [{ } only] && (string?)only["state"] is "FAILED" or "SUCCEEDED")
            {
                return listed;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token);
        }
    }

    [GeneratedRegex(@"^Started manual execution \[(?<name>projects/default/locations/local/jobs/flaky/executions/[0-9a-f]{32})\]\.\n$")]
    private static partial Regex StartedLine();

    // Times in Tokyo's offset, the attempt's number, its status and a short duration (85ms, 1.2s).
    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+09:00 +MANUAL +FAILED +1 +\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+09:00 +500 +(\d+ms|\d+\.\ds) +HTTP 500: ")]
    private static partial Regex TableRow();
}
