using Belfry.Cli.Tests.Infrastructure;

namespace Belfry.Cli.Tests.Locations;

/// <summary>Issue 15, "Locations", against the real server: where resources are, every location at once, and the hint.</summary>
public sealed class LocationsCommandTests : IAsyncLifetime
{
    private LiveServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await LiveServer.StartAsync();
        foreach (var (id, location) in new[] { ("sync", "asia-northeast1"), ("report", "europe-west1"), ("backup", "europe-west1") })
        {
            var created = await BelfryAsync("scheduler", "jobs", "create", "http", id, "--schedule=0 6 * * *", "--uri=http://127.0.0.1:9/x", $"--location={location}");
            Assert.Equal(0, created.ExitCode);
        }
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task LocationsList_JobsInTwoLocations_NamesThemAndTheConfiguredOne()
    {
        var run = await BelfryAsync("locations", "list", "--format=value(locationId)");
        var table = await BelfryAsync("locations", "list");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("asia-northeast1\neurope-west1\nlocal\n", run.Out);
        Assert.StartsWith("LOCATION_ID      NAME\nasia-northeast1  projects/default/locations/asia-northeast1\n", table.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JobsList_EmptyDefaultLocation_SaysOnStderrWhereJobsAre()
    {
        var run = await BelfryAsync("scheduler", "jobs", "list");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Equal(
            "Listed 0 items.\nNo jobs in location local; jobs exist in asia-northeast1, europe-west1: use --location=asia-northeast1, or --location=- for every location.\n",
            run.Error);
    }

    [Fact]
    public async Task JobsList_EmptyLocationNamedByTheUser_NoHint()
    {
        var run = await BelfryAsync("scheduler", "jobs", "list", "--location=us-central1");

        Assert.Equal("Listed 0 items.\n", run.Error);
    }

    [Fact]
    public async Task JobsList_AnyLocation_ListsEveryLocationsJobs()
    {
        var all = await BelfryAsync("scheduler", "jobs", "list", "--location=-", "--format=value(name.basename(),name)");
        var filtered = await BelfryAsync("scheduler", "jobs", "list", "--location=-", "--filter=name~europe AND NOT name:backup", "--format=value(name.basename())");

        Assert.Equal(0, all.ExitCode);
        Assert.Equal(
            "sync\tprojects/default/locations/asia-northeast1/jobs/sync\n" +
            "backup\tprojects/default/locations/europe-west1/jobs/backup\n" +
            "report\tprojects/default/locations/europe-west1/jobs/report\n",
            all.Out);
        Assert.Equal("report\n", filtered.Out);
    }

    [Fact]
    public async Task AnyLocation_WhereOnlyJobsListAcceptIt_ServerRefusesIt()
    {
        var run = await BelfryAsync("channels", "list", "--location=-");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("INVALID_ARGUMENT", run.Error, StringComparison.Ordinal);
        Assert.Contains("accepted only when listing jobs", run.Error, StringComparison.Ordinal);
    }

    private Task<CliRun> BelfryAsync(params string[] args) =>
        CliHarness.RunAsync(args, new Dictionary<string, string> { ["BELFRY_ENDPOINT"] = _server.Endpoint });
}
