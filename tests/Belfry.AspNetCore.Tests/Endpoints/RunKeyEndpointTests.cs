using System.Net;
using Belfry.AspNetCore.Ledger;
using Belfry.AspNetCore.Tests.Infrastructure;

namespace Belfry.AspNetCore.Tests.Endpoints;

/// <summary>
/// Acceptance 4 end to end: what the handler is told, from Belfry's signed claims, from Google-style headers, or from
/// nothing (a manual call). The host's clock says 2030-05-05, years after every schedule time used here.
/// </summary>
public sealed class RunKeyEndpointTests : EndpointTests
{
    private BatchContext? _seen;
    private bool _resolvedServices;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BelfryClaims_GiveTheRunAndWinOverHeaders()
    {
        var host = await StartCapturingHostAsync();
        var claims = FakeIssuer.BelfryClaims(
            "sync-daily-data", "2027-01-02T06:00:00+09:00", trigger: "catch_up", attempt: 2, epoch: 3, execution: "exec-77");
        var misleadingHeaders = new Dictionary<string, string>
        {
            ["X-CloudScheduler-JobName"] = "someone-else",
            ["X-CloudScheduler-ScheduleTime"] = "2029-09-09T09:00:00+00:00",
        };

        var reply = await host.PostAsync("/sync", host.Token(Issuer, claims), misleadingHeaders);

        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        Assert.Equal("2027-01-02", reply.RunKey);
        var run = _seen!;
        Assert.Equal("sync-daily-data", run.JobName);
        Assert.Equal(SyncJob, run.JobFullName);
        Assert.Equal("2027-01-02", run.RunKey);
        Assert.Equal(new DateOnly(2027, 1, 2), run.RunDate);
        Assert.Equal(new DateTimeOffset(2027, 1, 2, 6, 0, 0, TimeSpan.FromHours(9)), run.ScheduleTime);
        Assert.Equal(TimeSpan.FromHours(9), run.ScheduleTime.Offset);
        Assert.Equal("Asia/Tokyo", run.TimeZone.Id);
        Assert.Equal(BatchTrigger.CatchUp, run.Trigger);
        Assert.False(run.IsManual);
        Assert.Equal(("exec-77", 2, 3L), (run.ExecutionId, run.Attempt, run.Epoch));
        Assert.Equal("scheduler@belfry.test", run.Subject);
        Assert.Equal(1, run.LedgerEpoch);
        Assert.True(_resolvedServices);
    }

    [Fact]
    public async Task GoogleStyleToken_TakesTheRunFromHeaders()
    {
        var host = await StartCapturingHostAsync(options => options.RequireBelfryClaims = false);
        var headers = new Dictionary<string, string>
        {
            ["X-CloudScheduler-JobName"] = "sync-daily-data",
            ["X-CloudScheduler-ScheduleTime"] = "2027-01-02T06:00:00+09:00",
            ["X-Belfry-Execution"] = "exec-5",
            ["X-Belfry-Attempt"] = "4",
            ["X-Belfry-Epoch"] = "2",
        };

        var reply = await host.PostAsync("/sync", host.Token(Issuer), headers);

        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        var run = _seen!;
        Assert.Equal("sync-daily-data", run.JobName);
        Assert.Equal(new DateOnly(2027, 1, 2), run.RunDate);
        Assert.Equal(TimeSpan.FromHours(9), run.TimeZone.BaseUtcOffset);
        Assert.Equal(BatchTrigger.Scheduled, run.Trigger);
        Assert.Equal(("exec-5", 4, 2L), (run.ExecutionId, run.Attempt, run.Epoch));
        var row = await host.Ledger.GetAsync("sync-daily-data", "2027-01-02", Ct);
        Assert.Equal((4, 2L, "exec-5"), (row!.Attempt, row.SchedulerEpoch, row.ExecutionId));
    }

    [Fact]
    public async Task ManualCallWithNothing_RunsAtNowInTheDefaultZoneAndIsRecordedManual()
    {
        var host = await StartCapturingHostAsync(options =>
        {
            options.DefaultTimeZone = "Asia/Tokyo";
            options.AllowManualCalls = true;
        });
        host.Time.SetUtcNow(new DateTimeOffset(2030, 5, 5, 20, 30, 0, TimeSpan.Zero));

        var reply = await host.PostAsync("/sync", host.Token(Issuer));

        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        var run = _seen!;
        Assert.True(run.IsManual);
        Assert.Equal("sync-daily-data", run.JobName);
        Assert.Null(run.JobFullName);
        Assert.Equal("2030-05-06", run.RunKey);
        Assert.Equal(new DateTimeOffset(2030, 5, 6, 5, 30, 0, TimeSpan.FromHours(9)), run.ScheduleTime);
        var row = await host.Ledger.GetAsync("sync-daily-data", "2030-05-06", Ct);
        Assert.Equal("manual", row!.Trigger);
        Assert.Equal(LedgerStatus.Succeeded, row.Status);
    }

    [Fact]
    public async Task ManualCall_UsesTheNameGivenByWithBatchJobName()
    {
        var host = await StartHostAsync(
            app => app.MapBatchJob("/sync", Capture).WithBatchJobName("sync-daily-data"), options => options.AllowManualCalls = true);

        await host.PostAsync("/sync", host.Token(Issuer), new Dictionary<string, string> { ["X-Belfry-Trigger"] = "manual" });

        Assert.Equal("sync-daily-data", _seen!.JobName);
        Assert.True(_seen.IsManual);
    }

    [Fact]
    public async Task HourGranularity_KeysTheLocalHourWithItsOffset()
    {
        var host = await StartCapturingHostAsync(options => options.RunKeyGranularity = RunKeyGranularity.Hour);

        var reply = await host.PostAsync("/sync", host.Token(Issuer, SyncClaims("2027-01-02T06:00:00+09:00")));

        Assert.Equal("2027-01-02T06+09:00", reply.RunKey);
        Assert.NotNull(await host.Ledger.GetAsync(SyncJob, "2027-01-02T06+09:00", Ct));
    }

    [Fact]
    public async Task UnusableScheduleHeader_Answers400WithoutRunning()
    {
        var host = await StartCapturingHostAsync(options => options.RequireBelfryClaims = false);
        var headers = new Dictionary<string, string> { ["X-CloudScheduler-ScheduleTime"] = "tomorrow morning" };

        var reply = await host.PostAsync("/sync", host.Token(Issuer), headers);

        Assert.Equal(HttpStatusCode.BadRequest, reply.StatusCode);
        Assert.Equal("bad_request", reply.Status);
        Assert.Contains("X-CloudScheduler-ScheduleTime", reply.Reason, StringComparison.Ordinal);
        Assert.Null(_seen);
    }

    private Task<BatchResult> Capture(BatchContext run, CancellationToken cancellationToken)
    {
        _seen = run;
        _resolvedServices = run.Services.GetService(typeof(TimeProvider)) is not null;
        return Task.FromResult(BatchResult.Rows(3));
    }

    private Task<BatchHost> StartCapturingHostAsync(Action<BelfryBatchOptions>? configure = null) =>
        StartHostAsync(app => MapSync(app, Capture), configure);
}
