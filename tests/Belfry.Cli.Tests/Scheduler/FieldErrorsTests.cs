using Belfry.Cli.Tests.Infrastructure;

namespace Belfry.Cli.Tests.Scheduler;

/// <summary>
/// Refusals a user meets on <c>jobs create http</c> and <c>jobs update http</c>, from a real server: the flag is named
/// before the API field (issue 15, point 5).
/// </summary>
public sealed class FieldErrorsTests : IAsyncLifetime
{
    private const string Path = "belfry.scheduler.jobs";
    private LiveServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await LiveServer.StartAsync();

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task Create_RetryCountOutOfRange_NamesTheFlagThenTheField()
    {
        var run = await CreateAsync("--max-retry-attempts=9");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"ERROR: ({Path}.create.http) INVALID_ARGUMENT: --max-retry-attempts: must be between 0 and 5, got 9 (retryConfig.retryCount)\n", run.Error);
    }

    [Theory]
    [InlineData("--time-zone=asia/tokyo", "--time-zone: unknown time zone \"asia/tokyo\"; did you mean \"Asia/Tokyo\"? (timeZone)")]
    [InlineData("--time-zone=JST", "--time-zone: unknown time zone \"JST\"; did you mean \"Asia/Tokyo\"? (timeZone)")]
    [InlineData("--attempt-deadline=1h", "--attempt-deadline: must be between 15s and 30m (1800s), got 3600s (attemptDeadline)")]
    [InlineData("--notify-on-failure=nowhere", "--notify-on-failure: the channel projects/default/locations/local/channels/nowhere does not exist; create it first (belfry channels create) (belfry.notifyOnFailure)")]
    public async Task Create_FieldRefused_NamesTheFlag(string flag, string expected)
    {
        var run = await CreateAsync(flag);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"ERROR: ({Path}.create.http) INVALID_ARGUMENT: {expected}\n", run.Error);
    }

    [Fact]
    public async Task Create_EnglishSchedule_SaysCronOnlyWithTheEquivalent()
    {
        var run = await CliHarness.RunAsync(
            ["scheduler", "jobs", "create", "http", "every-five", "--schedule=every 5 minutes", "--uri=http://127.0.0.1:9/x"], Endpoint);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"ERROR: ({Path}.create.http) INVALID_ARGUMENT: --schedule: \"every 5 minutes\" is Cloud Scheduler's English " +
            "(App Engine cron) form; Belfry takes unix-cron only: use \"*/5 * * * *\" (schedule)\n", run.Error);
    }

    [Fact]
    public async Task Update_MinBackoffOverMax_NamesTheFlag()
    {
        Assert.Equal(0, (await CreateAsync()).ExitCode);

        var run = await CliHarness.RunAsync(["scheduler", "jobs", "update", "http", "nightly", "--min-backoff=30m", "--max-backoff=10m"], Endpoint);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"ERROR: ({Path}.update.http) INVALID_ARGUMENT: --min-backoff: 1800s exceeds retryConfig.maxBackoffDuration 600s " +
            "(retryConfig.minBackoffDuration)\n", run.Error);
    }

    [Fact]
    public async Task Create_NotFoundRefusalOfAnotherKind_LeftAsTheServerSaidIt()
    {
        Assert.Equal(0, (await CreateAsync()).ExitCode);

        var run = await CreateAsync();

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"ERROR: ({Path}.create.http) ALREADY_EXISTS: ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("--", run.Error, StringComparison.Ordinal);
    }

    private Dictionary<string, string> Endpoint => new() { ["BELFRY_ENDPOINT"] = _server.Endpoint };

    private Task<CliRun> CreateAsync(params string[] flags) => CliHarness.RunAsync(
        ["scheduler", "jobs", "create", "http", "nightly", "--schedule=0 3 * * *", "--uri=http://127.0.0.1:9/nightly", .. flags], Endpoint);
}
