using System.Net;
using Belfry.AspNetCore.Tests.Infrastructure;

namespace Belfry.AspNetCore.Tests.Endpoints;

/// <summary>
/// Issue 10 (H3): who may call. <c>AllowedCallers</c> is the SDK's <c>roles/run.invoker</c> grant; a token from anyone
/// else is refused with 403 before the ledger is touched, however valid its signature and audience.
/// </summary>
public sealed class CallerTests : EndpointTests
{
    private const string SchedulerSa = "scheduler@belfry.test";
    private int _calls;

    [Fact]
    public async Task AllowedCallers_OtherServiceAccount_Answers403AndTouchesNothing()
    {
        var host = await StartAsync(options => options.AllowedCallers.Add(SchedulerSa));
        var claims = SyncClaims();
        claims["sub"] = claims["email"] = "intruder@other-project.iam.gserviceaccount.com";

        var reply = await host.PostAsync("/sync", host.Token(Issuer, claims));

        Assert.Equal((HttpStatusCode.Forbidden, "forbidden"), (reply.StatusCode, reply.Status));
        Assert.Contains("intruder@other-project.iam.gserviceaccount.com", reply.Reason, StringComparison.Ordinal);
        Assert.Equal(0, _calls);
        Assert.Empty(await host.LedgerRowsAsync());
    }

    [Fact]
    public async Task AllowedCallers_ListedEmailInAnotherCase_Runs()
    {
        var host = await StartAsync(options => options.AllowedCallers.Add("Scheduler@Belfry.Test"));

        var reply = await host.PostAsync("/sync", host.Token(Issuer, SyncClaims()));

        Assert.Equal((HttpStatusCode.OK, "succeeded"), (reply.StatusCode, reply.Status));
        Assert.Equal(1, _calls);
    }

    [Fact]
    public async Task AllowedCallers_ListedSubject_RunsEvenWithAnotherEmail()
    {
        var host = await StartAsync(options => options.AllowedCallers.Add("110169484474386276334"));
        var claims = SyncClaims();
        claims["sub"] = "110169484474386276334";
        claims["email"] = "someone@else.test";

        var reply = await host.PostAsync("/sync", host.Token(Issuer, claims));

        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        Assert.Equal(1, _calls);
    }

    [Fact]
    public async Task AllowedCallers_UnverifiedEmail_IsNotTrusted()
    {
        var host = await StartAsync(options => options.AllowedCallers.Add(SchedulerSa));
        var claims = SyncClaims();
        claims["sub"] = "someone-else";
        claims["email_verified"] = false;

        var reply = await host.PostAsync("/sync", host.Token(Issuer, claims));

        Assert.Equal(HttpStatusCode.Forbidden, reply.StatusCode);
        Assert.Equal(0, _calls);
        Assert.Empty(await host.LedgerRowsAsync());
    }

    [Fact]
    public async Task AllowCallers_OnTheEndpoint_ReplacesTheGlobalList()
    {
        var host = await StartHostAsync(
            app =>
            {
                MapSync(app, CountAsync).AllowCallers("ops@belfry.test");
                app.MapBatchJob("/report", CountAsync);
            },
            options => options.AllowedCallers.Add(SchedulerSa));

        var sync = await host.PostAsync("/sync", host.Token(Issuer, SyncClaims()));
        var report = await host.PostAsync("/report", host.Token(Issuer, FakeIssuer.BelfryClaims("report", "2027-01-02T06:00:00+09:00")));

        Assert.Equal(HttpStatusCode.Forbidden, sync.StatusCode);
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal(1, _calls);
        Assert.Equal([FakeIssuer.FullName("report") + " 2027-01-02 succeeded"], await host.LedgerRowsAsync());
    }

    [Fact]
    public async Task NoAllowedCallers_AnyCallerOfTheIssuerRuns()
    {
        var host = await StartAsync(_ => { });
        var claims = SyncClaims();
        claims["sub"] = claims["email"] = "anyone@belfry.test";

        var reply = await host.PostAsync("/sync", host.Token(Issuer, claims));

        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
    }

    private Task<BatchResult> CountAsync(BatchContext run, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        return Task.FromResult(BatchResult.Rows(1));
    }

    private Task<BatchHost> StartAsync(Action<BelfryBatchOptions> configure) => StartHostAsync(app => MapSync(app, CountAsync), configure);
}
