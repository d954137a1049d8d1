using Belfry.Cli.Tests.Infrastructure;

namespace Belfry.Cli.Tests.Scheduler;

/// <summary>The job flags <c>--notify-on-*</c> and <c>--missed-run-deadline</c> (and their <c>--clear-*</c>).</summary>
public sealed class NotificationFlagsTests
{
    [Fact]
    public async Task Update_IssueCommand_PatchesTheBelfryFieldsOnly()
    {
        await using var server = await RecordingServer.StartAsync();
        server.AnswerAlways(200, SampleJobs.SyncDailyData);

        var run = await CliHarness.RunAsync(server,
            "scheduler", "jobs", "update", "http", "sync-daily-data", "--notify-on-failure=ops", "--notify-on-recovery=ops",
            "--missed-run-deadline=30m", "--location=asia-northeast1");

        Assert.Equal(0, run.ExitCode);
        var request = Assert.Single(server.Requests);
        Assert.Equal(("PATCH", "/v1/projects/default/locations/asia-northeast1/jobs/sync-daily-data"), (request.Method, request.Path));
        Assert.Equal("?updateMask=belfry.notifyOnFailure,belfry.notifyOnRecovery,belfry.missedRunDeadline", request.Query);
        JsonAssert.Equal("""{"belfry":{"notifyOnFailure":["ops"],"notifyOnRecovery":["ops"],"missedRunDeadline":"1800s"}}""", request.Body);
    }

    [Fact]
    public async Task Create_WithRoutes_SendsTheBelfryObject()
    {
        await using var server = await RecordingServer.StartAsync();
        server.AnswerAlways(200, SampleJobs.SyncDailyData);

        var run = await CliHarness.RunAsync(server,
            "scheduler", "jobs", "create", "http", "sync-daily-data", "--schedule=0 6 * * *", "--uri=http://127.0.0.1:9000/sync",
            "--notify-on-failure=ops,team", "--notify-on-success=team", "--missed-run-deadline=1h30m");

        Assert.Equal(0, run.ExitCode);
        JsonAssert.Equal("""
            {"name":"projects/default/locations/local/jobs/sync-daily-data","schedule":"0 6 * * *",
             "httpTarget":{"uri":"http://127.0.0.1:9000/sync"},
             "belfry":{"notifyOnFailure":["ops","team"],"notifyOnSuccess":["team"],"missedRunDeadline":"5400s"}}
            """, Assert.Single(server.Requests).Body);
    }

    [Fact]
    public async Task Update_ClearFlags_MaskPathsWithEmptyBody()
    {
        await using var server = await RecordingServer.StartAsync();
        server.AnswerAlways(200, SampleJobs.SyncDailyData);

        var run = await CliHarness.RunAsync(server,
            "scheduler", "jobs", "update", "http", "j1", "--clear-notify-on-failure", "--clear-notify-on-recovery",
            "--clear-notify-on-success", "--clear-missed-run-deadline");

        Assert.Equal(0, run.ExitCode);
        var request = Assert.Single(server.Requests);
        Assert.Equal("?updateMask=belfry.notifyOnFailure,belfry.notifyOnRecovery,belfry.notifyOnSuccess,belfry.missedRunDeadline", request.Query);
        JsonAssert.Equal("{}", request.Body);
    }

    [Fact]
    public async Task Update_ClearAndSet_UsageError()
    {
        var run = await CliHarness.RunAsync(["scheduler", "jobs", "update", "http", "j1", "--clear-notify-on-failure", "--notify-on-failure=ops"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("At most one of --clear-notify-on-failure | --notify-on-failure can be specified.", run.Error);
    }

    [Fact]
    public async Task Help_UpdateHttp_ListsTheFlags()
    {
        var run = await CliHarness.RunAsync(["scheduler", "jobs", "update", "http", "--help"]);

        Assert.All(
            ["--notify-on-failure", "--notify-on-recovery", "--notify-on-success", "--missed-run-deadline", "--clear-notify-on-failure",
             "--clear-notify-on-recovery", "--clear-notify-on-success", "--clear-missed-run-deadline"],
            flag => Assert.Contains(flag, run.Out));
    }
}
