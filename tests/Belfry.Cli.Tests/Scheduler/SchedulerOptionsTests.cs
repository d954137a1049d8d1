using Belfry.Cli.Tests.Infrastructure;

namespace Belfry.Cli.Tests.Scheduler;

public sealed class SchedulerOptionsTests
{
    [Fact]
    public async Task Defaults_NoFlagsNoVariables_UseDefaultProjectAndLocalLocation()
    {
        await using var server = await RecordingServer.StartAsync();

        await CliHarness.RunAsync(server, "scheduler", "jobs", "describe", "j1");

        Assert.Equal("/v1/projects/default/locations/local/jobs/j1", Assert.Single(server.Requests).Path);
    }

    [Fact]
    public async Task Defaults_EnvironmentVariables_SetProjectLocationAndEndpoint()
    {
        await using var server = await RecordingServer.StartAsync();
        var variables = new Dictionary<string, string>
        {
            ["BELFRY_ENDPOINT"] = server.Endpoint,
            ["BELFRY_PROJECT"] = "acme",
            ["BELFRY_LOCATION"] = "asia-northeast1",
        };

        var run = await CliHarness.RunAsync(["scheduler", "jobs", "describe", "j1"], variables);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("/v1/projects/acme/locations/asia-northeast1/jobs/j1", Assert.Single(server.Requests).Path);
    }

    [Fact]
    public async Task Defaults_FlagsOverrideEnvironment()
    {
        await using var server = await RecordingServer.StartAsync();
        var variables = new Dictionary<string, string>
        {
            ["BELFRY_ENDPOINT"] = "http://127.0.0.1:1",
            ["BELFRY_PROJECT"] = "acme",
            ["BELFRY_LOCATION"] = "asia-northeast1",
        };

        var run = await CliHarness.RunAsync(
            ["scheduler", "jobs", "describe", "j1", "--endpoint", server.Endpoint, "--project=other", "--location=eu"], variables);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("/v1/projects/other/locations/eu/jobs/j1", Assert.Single(server.Requests).Path);
    }

    [Fact]
    public async Task Endpoint_PathPrefix_IsKept()
    {
        await using var server = await RecordingServer.StartAsync();

        await CliHarness.RunAsync(["scheduler", "jobs", "describe", "j1", $"--endpoint={server.Endpoint}/belfry"]);

        Assert.Equal("/belfry/v1/projects/default/locations/local/jobs/j1", Assert.Single(server.Requests).Path);
    }

    [Theory]
    [InlineData("--endpoint=localhost:8085", "argument --endpoint: invalid URL \"localhost:8085\"")]
    [InlineData("--project=bad/project", "argument --project: invalid project \"bad/project\"")]
    [InlineData("--location=asia northeast", "argument --location: invalid location \"asia northeast\"")]
    [InlineData("--location=", "--location")]
    public async Task InvalidGlobalFlag_NamesFlagAndExitsTwo(string flag, string expected)
    {
        var run = await CliHarness.RunAsync(["scheduler", "jobs", "list", flag]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error);
    }

    [Fact]
    public async Task InvalidEndpointVariable_NamesVariable()
    {
        var run = await CliHarness.RunAsync(["scheduler", "jobs", "list"], new Dictionary<string, string> { ["BELFRY_ENDPOINT"] = "ftp://x" });

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("BELFRY_ENDPOINT: invalid URL \"ftp://x\"", run.Error);
    }
}
