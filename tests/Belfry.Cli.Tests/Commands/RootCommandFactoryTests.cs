using Belfry.Cli.Tests.Infrastructure;

namespace Belfry.Cli.Tests.Commands;

public sealed class RootCommandFactoryTests
{
    [Fact]
    public async Task Help_CreateHttp_ListsEveryFlag()
    {
        var run = await CliHarness.RunAsync(["scheduler", "jobs", "create", "http", "--help"]);

        Assert.Equal(0, run.ExitCode);
        string[] flags =
        [
            "--schedule", "--uri", "--http-method", "--headers", "--message-body", "--message-body-from-file", "--time-zone",
            "--description", "--attempt-deadline", "--max-retry-attempts", "--max-retry-duration", "--min-backoff-duration",
            "--max-backoff-duration", "--max-doublings", "--oidc-service-account-email", "--oidc-token-audience",
            "--location", "--project", "--endpoint", "--format", "--quiet",
        ];
        Assert.All(flags, flag => Assert.Contains(flag + " ", run.Out));
        Assert.Contains(" scheduler jobs create http <JOB> [options]", run.Out);
    }

    [Fact]
    public async Task Help_UpdateHttp_ListsClearFlags()
    {
        var run = await CliHarness.RunAsync(["scheduler", "jobs", "update", "http", "--help"]);

        Assert.Equal(0, run.ExitCode);
        string[] flags =
        [
            "--clear-headers", "--update-headers", "--remove-headers", "--clear-message-body", "--clear-time-zone",
            "--clear-retry-attempts", "--clear-max-retry-duration", "--clear-min-backoff", "--clear-max-backoff",
            "--clear-max-doublings", "--clear-auth-token",
        ];
        Assert.All(flags, flag => Assert.Contains(flag, run.Out));
        Assert.DoesNotContain("(REQUIRED)", run.Out);
    }

    [Fact]
    public async Task Help_Jobs_ListsGcloudSubcommands()
    {
        var run = await CliHarness.RunAsync(["scheduler", "jobs", "--help"]);

        Assert.Equal(0, run.ExitCode);
        Assert.All(
            ["create", "update", "list", "describe", "run", "pause", "resume", "delete", "executions"],
            command => Assert.Contains($"\n  {command} ", run.Out));
    }

    [Fact]
    public async Task NoSubcommand_IsAUsageError()
    {
        var run = await CliHarness.RunAsync(["scheduler", "jobs"]);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("ERROR: (belfry.scheduler.jobs) ", run.Error);
        Assert.Contains("Run 'belfry scheduler jobs --help' for usage.", run.Error);
    }

    [Theory]
    [InlineData("--max-retry-attempt=9", "Unrecognized command or argument '--max-retry-attempt=9'. Did you mean --max-retry-attempts?")]
    [InlineData("--shcedule", "Unrecognized command or argument '--shcedule'. Did you mean --schedule?")]
    [InlineData("--time-zon=UTC", "Unrecognized command or argument '--time-zon=UTC'. Did you mean --time-zone?")]
    [InlineData("--endpont=http://127.0.0.1:1", "Unrecognized command or argument '--endpont=http://127.0.0.1:1'. Did you mean --endpoint?")]
    [InlineData("--colour", "Unrecognized command or argument '--colour'.")]
    public async Task Parse_MisspeltFlag_SuggestsTheNearestFlag(string flag, string expected)
    {
        var run = await CliHarness.RunAsync(["scheduler", "jobs", "create", "http", "nightly", "--schedule=0 3 * * *", "--uri=http://127.0.0.1:9/x", flag]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"ERROR: (belfry.scheduler.jobs.create.http) {expected}\nRun 'belfry scheduler jobs create http --help' for usage.\n", run.Error);
    }
}
