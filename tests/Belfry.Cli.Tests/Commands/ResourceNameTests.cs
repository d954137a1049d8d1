using Belfry.Cli.Tests.Infrastructure;

namespace Belfry.Cli.Tests.Commands;

/// <summary>How each command group resolves its positional ID or full name, and what it says when it cannot.</summary>
public sealed class ResourceNameTests
{
    [Theory]
    [InlineData("/v1/projects/p/locations/l/jobs/j", "scheduler", "jobs", "describe", "j", "--project=p", "--location=l")]
    [InlineData("/v1/projects/p/locations/l/jobs/j", "scheduler", "jobs", "describe", "projects/p/locations/l/jobs/j")]
    [InlineData("/v1/projects/p/locations/l/channels/c", "channels", "describe", "c", "--project=p", "--location=l")]
    [InlineData("/v1/projects/p/locations/l/channels/c", "channels", "describe", "projects/p/locations/l/channels/c")]
    [InlineData("/v1/projects/p/locations/l/alertPolicies/a", "alert-policies", "describe", "a", "--project=p", "--location=l")]
    [InlineData("/v1/projects/p/locations/l/alertPolicies/a", "alert-policies", "describe", "projects/p/locations/l/alertPolicies/a")]
    [InlineData("/v1/projects/p/locations/l/pipelines/x", "pipelines", "describe", "x", "--project=p", "--location=l")]
    public async Task Describe_IdOrFullName_GetsThatResource(string path, params string[] args)
    {
        await using var server = await RecordingServer.StartAsync();

        var run = await CliHarness.RunAsync(server, args);

        Assert.Equal(0, run.ExitCode);
        var request = Assert.Single(server.Requests);
        Assert.Equal(("GET", path), (request.Method, request.Path));
    }

    [Theory]
    [InlineData("ERROR: (belfry.scheduler.jobs.describe) argument JOB: invalid job ID \"a.b\"; IDs have letters, digits, hyphens and underscores only\n",
        "scheduler", "jobs", "describe", "a.b")]
    [InlineData("ERROR: (belfry.scheduler.jobs.delete) argument JOB: invalid job name \"projects/p/jobs/j\"; " +
        "expected projects/PROJECT/locations/LOCATION/jobs/ID or an ID\n", "scheduler", "jobs", "delete", "projects/p/jobs/j")]
    [InlineData("ERROR: (belfry.channels.describe) argument CHANNEL: invalid channel ID \"a.b\"; IDs have letters, digits, hyphens and underscores only\n",
        "channels", "describe", "a.b")]
    [InlineData("ERROR: (belfry.channels.delete) argument CHANNEL: invalid channel name \"projects/p/locations/l/jobs/c\"; " +
        "expected projects/PROJECT/locations/LOCATION/channels/ID or an ID\n", "channels", "delete", "projects/p/locations/l/jobs/c")]
    [InlineData("ERROR: (belfry.channels.test) argument CHANNEL: invalid channel ID \"a.b\"; IDs have letters, digits, hyphens and underscores only\n",
        "channels", "test", "a.b")]
    [InlineData("ERROR: (belfry.alert-policies.describe) argument POLICY: invalid alert policy ID \"a.b\"; IDs have letters, digits, hyphens and underscores only\n",
        "alert-policies", "describe", "a.b")]
    [InlineData("ERROR: (belfry.alert-policies.delete) argument POLICY: invalid alert policy name \"projects/p\"; " +
        "expected projects/PROJECT/locations/LOCATION/alertPolicies/ID or an ID\n", "alert-policies", "delete", "projects/p")]
    [InlineData("ERROR: (belfry.alert-policies.create) argument POLICY: invalid alert policy ID \"a.b\"; IDs have letters, digits, hyphens and underscores only\n",
        "alert-policies", "create", "a.b", "--channel=ops")]
    [InlineData("ERROR: (belfry.channels.describe) argument --location: invalid location \"a b\"\n", "channels", "describe", "c", "--location=a b")]
    [InlineData("ERROR: (belfry.pipelines.list) argument --project: invalid project \"a/b\"\n", "pipelines", "list", "--project=a/b")]
    [InlineData("ERROR: (belfry.pipelines.runs.list) argument --location: invalid location \"x/y\"\n", "pipelines", "runs", "list", "a.b", "--location=x/y")]
    [InlineData("ERROR: (belfry.pipelines.describe) argument PIPELINE: invalid pipeline ID \"a.b\"; IDs have letters, digits, hyphens and underscores only\n",
        "pipelines", "describe", "a.b", "--location=x/y")]
    public async Task Command_InvalidName_SaysWhichArgument(string error, params string[] args)
    {
        await using var server = await RecordingServer.StartAsync();

        var run = await CliHarness.RunAsync(server, args);

        Assert.Equal((2, "", error), (run.ExitCode, run.Out, run.Error));
        Assert.Empty(server.Requests);
    }

    [Theory]
    [InlineData("job [j]", "scheduler", "jobs", "delete", "j")]
    [InlineData("channel [c]", "channels", "delete", "c")]
    [InlineData("alert policy [a]", "alert-policies", "delete", "projects/p/locations/l/alertPolicies/a")]
    [InlineData("pipeline [x]", "pipelines", "delete", "x")]
    public async Task Delete_TerminalAnswersYes_AsksNamingTheResourceThenDeletes(string what, params string[] args)
    {
        await using var server = await RecordingServer.StartAsync();

        var run = await CliHarness.RunAsync(args, new Dictionary<string, string> { ["BELFRY_ENDPOINT"] = server.Endpoint }, terminal: true, input: "y\n");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"You are about to delete {what}.\nDo you want to continue (Y/n)?  Deleted {what}.\n", run.Error);
        Assert.Equal("DELETE", Assert.Single(server.Requests).Method);
    }
}
