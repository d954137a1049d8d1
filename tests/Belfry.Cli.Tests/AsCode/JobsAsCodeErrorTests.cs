using Belfry.Cli.Tests.Infrastructure;

namespace Belfry.Cli.Tests.AsCode;

/// <summary>
/// Errors in a belfry.yaml name the file, line, column and field, whether the file (unknown field, wrong type, a secret
/// written as a value, a missing value) or the server (bad cron, unknown zone, missing channel, pipeline cycle) finds
/// them; and nothing is applied, though the bad resource comes after good ones.
/// </summary>
public sealed class JobsAsCodeErrorTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("belfry-ascode-").FullName;
    private LiveServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await LiveServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    // Line 6 is the bad resource's first field, after a good job (lines 4-5): the good one must not be created either.
    private const string Head = """
        locations:
          - project: shop
            location: tokyo
            jobs:
              - {name: good, schedule: "0 1 * * *", httpTarget: {uri: "http://127.0.0.1:9/good"}}
        """;

    [Theory]
    [InlineData("      - {name: bad, schedule: \"0 1 * * *\", httpTarget: {uri: \"http://127.0.0.1:9/x\", retries: 3}}", ":6:", "jobs[bad].httpTarget.retries: unknown field")]
    [InlineData("      - {name: bad, schedule: \"0 1 * * *\", httpTarget: {uri: \"http://127.0.0.1:9/x\"}, retryConfig: {retryCount: many}}", ":6:", "jobs[bad].retryConfig.retryCount: wrong type")]
    [InlineData("      - name: bad\n        schedule: \"61 * * * *\"\n        httpTarget: {uri: \"http://127.0.0.1:9/x\"}", ":7:19:", "jobs[bad].schedule: ")]
    [InlineData("      - name: bad\n        schedule: \"0 1 * * *\"\n        timeZone: Mars/Olympus\n        httpTarget: {uri: \"http://127.0.0.1:9/x\"}", ":8:19:", "jobs[bad].timeZone: ")]
    [InlineData("      - name: bad\n        schedule: \"0 1 * * *\"\n        httpTarget: {uri: \"http://127.0.0.1:9/x\"}\n        belfry:\n          notifyOnFailure: [nowhere]", ":10:28:", "jobs[bad].belfry.notifyOnFailure: the channel projects/shop/locations/tokyo/channels/nowhere does not exist")]
    [InlineData("      - name: bad\n        schedule: \"0 1 * * *\"\n        httpTarget:\n          uri: ${env:MISSING}", ":9:16:", "jobs[bad].httpTarget.uri: ${env:MISSING}: the environment variable MISSING is not set.")]
    [InlineData("    pipelines:\n      - name: bad\n        schedule: \"0 1 * * *\"\n        steps:\n          - {id: a, dependsOn: [b], httpTarget: {uri: \"http://127.0.0.1:9/a\"}}\n          - {id: b, dependsOn: [a], httpTarget: {uri: \"http://127.0.0.1:9/b\"}}", ":10:11:", "pipelines[bad].steps: dependsOn forms a cycle: a → b → a.")]
    [InlineData("    channels:\n      - {name: bad, type: SLACK, webhookUrl: \"https://hooks.slack.test/T0/B0/secret\"}", ":7:46:", "channels[bad].webhookUrl: a secret is written only as a reference")]
    public async Task Apply_InvalidResource_NamesPlaceAndFieldAndAppliesNothing(string bad, string place, string field)
    {
        var file = Path.Combine(_directory, "belfry.yaml");
        await File.WriteAllTextAsync(file, Head + "\n" + bad + "\n", TestContext.Current.CancellationToken);

        var run = await CliHarness.RunAsync(["apply", "-f", file, "--auto-approve"], new Dictionary<string, string> { ["BELFRY_ENDPOINT"] = _server.Endpoint });

        Assert.Equal(1, run.ExitCode);
        Assert.True(run.Error.Contains($"{file}{place}", StringComparison.Ordinal), run.Error);
        Assert.True(run.Error.Contains(field, StringComparison.Ordinal), run.Error);
        var list = await CliHarness.RunAsync(["scheduler", "jobs", "list", "--project", "shop", "--location", "tokyo"], new Dictionary<string, string> { ["BELFRY_ENDPOINT"] = _server.Endpoint });
        Assert.Equal(0, list.ExitCode);
        Assert.DoesNotContain("good", list.Out, StringComparison.Ordinal);
    }
}
