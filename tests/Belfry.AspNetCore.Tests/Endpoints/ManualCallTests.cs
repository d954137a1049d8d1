using System.Globalization;
using System.Net;
using Belfry.AspNetCore.Tests.Infrastructure;

namespace Belfry.AspNetCore.Tests.Endpoints;

/// <summary>
/// Issue 10 (H3): with a Belfry issuer the run comes from signed claims only. A token without them (what
/// <c>belfry auth print-identity-token</c> mints) is refused, or with <c>AllowManualCalls</c> runs "now"; no unsigned
/// schedule time can name a future run. The host's clock is 2030-05-05 12:00Z (21:00 in Tokyo).
/// </summary>
public sealed class ManualCallTests : EndpointTests
{
    private const string TomorrowSixAm = "2030-05-06T06:00:00+09:00";
    private static readonly Dictionary<string, object> PrintIdentityToken = new() { ["belfry_trigger"] = "manual" };
    private readonly List<BatchContext> _runs = [];

    [Fact]
    public async Task TokenWithoutBelfryClaims_ByDefault_Answers403AndTouchesNothing()
    {
        var host = await StartAsync(_ => { });
        var headers = new Dictionary<string, string> { ["X-CloudScheduler-JobName"] = "sync-daily-data" };

        var reply = await host.PostAsync("/sync", host.Token(Issuer, PrintIdentityToken), headers);

        Assert.Equal((HttpStatusCode.Forbidden, "forbidden"), (reply.StatusCode, reply.Status));
        Assert.Contains("no signed run", reply.Reason, StringComparison.Ordinal);
        Assert.Empty(_runs);
        Assert.Empty(await host.LedgerRowsAsync());
    }

    [Fact]
    public async Task AllowManualCalls_RunsNowAsManual()
    {
        var host = await StartAsync(options => options.AllowManualCalls = true);

        var reply = await host.PostAsync("/sync", host.Token(Issuer, PrintIdentityToken));

        Assert.Equal((HttpStatusCode.OK, "succeeded", "2030-05-05"), (reply.StatusCode, reply.Status, reply.RunKey));
        var run = Assert.Single(_runs);
        Assert.True(run.IsManual);
        Assert.Equal(new DateTimeOffset(2030, 5, 5, 21, 0, 0, TimeSpan.FromHours(9)), run.ScheduleTime);
    }

    [Fact]
    public async Task AllowManualCalls_FullNameBinding_ManualCallAfterTheScheduledRunIsSkipped()
    {
        var host = await StartHostAsync(
            app => app.MapBatchJob("/sync", RecordAsync).WithBatchJobName(SyncJob),
            options => Manual(options));
        var scheduled = await host.PostAsync("/sync", host.Token(Issuer, SyncClaims("2030-05-05T06:00:00+09:00")));

        var manual = await host.PostAsync("/sync", host.Token(Issuer, PrintIdentityToken));

        Assert.Equal(("succeeded", "skipped"), (scheduled.Status, manual.Status));
        Assert.Single(_runs);
        Assert.Equal([SyncJob + " 2030-05-05 succeeded"], await host.LedgerRowsAsync());
    }

    [Fact]
    public async Task AllowManualCalls_NamingAPastScheduleTime_Answers400()
    {
        var host = await StartAsync(options => options.AllowManualCalls = true);
        var headers = new Dictionary<string, string> { ["X-CloudScheduler-ScheduleTime"] = "2030-05-04T06:00:00+09:00" };

        var reply = await host.PostAsync("/sync", host.Token(Issuer, PrintIdentityToken), headers);

        Assert.Equal((HttpStatusCode.BadRequest, "bad_request"), (reply.StatusCode, reply.Status));
        Assert.Contains("X-CloudScheduler-ScheduleTime", reply.Reason, StringComparison.Ordinal);
        Assert.Empty(_runs);
        Assert.Empty(await host.LedgerRowsAsync());
    }

    // Attack (c): a manual token with tomorrow's X-CloudScheduler-ScheduleTime completed tomorrow's run in advance.
    [Theory]
    [InlineData("signed claims required", HttpStatusCode.Forbidden)]
    [InlineData("manual calls allowed", HttpStatusCode.BadRequest)]
    [InlineData("headers trusted (Google)", HttpStatusCode.BadRequest)]
    public async Task ManualTokenWithTomorrowsScheduleTime_IsRefusedAndTomorrowsRunStillRuns(string mode, HttpStatusCode refusal)
    {
        var headersTrusted = mode.StartsWith("headers", StringComparison.Ordinal);
        var host = await StartAsync(options =>
        {
            options.AllowManualCalls = mode.StartsWith("manual", StringComparison.Ordinal);
            options.RequireBelfryClaims = !headersTrusted;
        });
        var tomorrow = new Dictionary<string, string>
        {
            ["X-CloudScheduler-JobName"] = "sync-daily-data",
            ["X-CloudScheduler-ScheduleTime"] = TomorrowSixAm,
        };

        var early = await host.PostAsync("/sync", host.Token(Issuer, PrintIdentityToken), tomorrow);

        Assert.Equal(refusal, early.StatusCode);
        Assert.Empty(_runs);
        Assert.Empty(await host.LedgerRowsAsync());

        host.Time.SetUtcNow(DateTimeOffset.Parse(TomorrowSixAm, CultureInfo.InvariantCulture).AddSeconds(3));
        var onTime = headersTrusted
            ? await host.PostAsync("/sync", host.Token(Issuer), tomorrow)
            : await host.PostAsync("/sync", host.Token(Issuer, SyncClaims(TomorrowSixAm)));

        Assert.Equal((HttpStatusCode.OK, "succeeded", "2030-05-06"), (onTime.StatusCode, onTime.Status, onTime.RunKey));
        Assert.Single(_runs);
    }

    [Fact]
    public async Task HeadersTrusted_ScheduleTimeWithinTheClockSkew_Runs()
    {
        var host = await StartAsync(options => options.RequireBelfryClaims = false);
        var soon = host.Time.GetUtcNow().AddSeconds(20).ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string> { ["X-CloudScheduler-ScheduleTime"] = soon };

        var reply = await host.PostAsync("/sync", host.Token(Issuer), headers);

        Assert.Equal((HttpStatusCode.OK, "succeeded"), (reply.StatusCode, reply.Status));
    }

    [Fact]
    public async Task SignedClaimsRequired_MisleadingHeadersAreNeverRead()
    {
        var host = await StartAsync(_ => { });
        var headers = new Dictionary<string, string>
        {
            ["X-CloudScheduler-ScheduleTime"] = TomorrowSixAm,
            ["X-Belfry-Execution"] = "forged",
            ["X-Belfry-Trigger"] = "catch_up",
        };

        var reply = await host.PostAsync("/sync", host.Token(Issuer, SyncClaims()), headers);

        Assert.Equal((HttpStatusCode.OK, "2027-01-02"), (reply.StatusCode, reply.RunKey));
        var run = Assert.Single(_runs);
        Assert.Equal(("exec-1", BatchTrigger.Scheduled), (run.ExecutionId, run.Trigger));
    }

    private static void Manual(BelfryBatchOptions options)
    {
        options.AllowManualCalls = true;
        options.DefaultTimeZone = "Asia/Tokyo";
    }

    private Task<BatchResult> RecordAsync(BatchContext run, CancellationToken cancellationToken)
    {
        lock (_runs)
        {
            _runs.Add(run);
        }

        return Task.FromResult(BatchResult.Rows(1));
    }

    private Task<BatchHost> StartAsync(Action<BelfryBatchOptions> configure) =>
        StartHostAsync(app => MapSync(app, RecordAsync), options =>
        {
            options.DefaultTimeZone = "Asia/Tokyo";
            configure(options);
        });
}
