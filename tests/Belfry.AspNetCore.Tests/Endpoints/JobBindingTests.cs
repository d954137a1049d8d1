using System.Net;
using Belfry.AspNetCore.Tests.Infrastructure;

namespace Belfry.AspNetCore.Tests.Endpoints;

/// <summary>
/// Issue 10 (H3): one job's token cannot run another job's endpoint, and the ledger keys on the job's full name, so
/// same-named jobs of different projects are different runs.
/// </summary>
public sealed class JobBindingTests : EndpointTests
{
    private const string SixAm = "2027-01-02T06:00:00+09:00";
    private readonly Dictionary<string, int> _calls = [];

    // Attack (a): sync-daily's token ran /report, and /sync later answered "skipped".
    [Fact]
    public async Task OtherJobsToken_Answers403WithoutRunningAndTheRightJobStillRuns()
    {
        var host = await StartHostAsync(app =>
        {
            app.MapBatchJob("/sync", Counting("sync")).WithBatchJobName("sync-daily");
            app.MapBatchJob("/report", Counting("report"));
        });
        var syncToken = host.Token(Issuer, FakeIssuer.BelfryClaims("sync-daily", SixAm));

        var stolen = await host.PostAsync("/report", syncToken);

        Assert.Equal((HttpStatusCode.Forbidden, "forbidden"), (stolen.StatusCode, stolen.Status));
        Assert.Contains(FakeIssuer.FullName("sync-daily"), stolen.Reason, StringComparison.Ordinal);
        Assert.Empty(_calls);
        Assert.Empty(await host.LedgerRowsAsync());

        var own = await host.PostAsync("/sync", syncToken);

        Assert.Equal((HttpStatusCode.OK, "succeeded"), (own.StatusCode, own.Status));
        Assert.Equal(1, _calls["sync"]);
        Assert.False(_calls.ContainsKey("report"));
    }

    // Attack (b): two jobs called sync in different projects shared one run.
    [Fact]
    public async Task SameJobIdInTwoProjects_AreTwoSeparateRuns()
    {
        var host = await StartHostAsync(app => app.MapBatchJob("/sync", Counting("sync")));

        var first = await host.PostAsync("/sync", host.Token(Issuer, FakeIssuer.BelfryClaims("sync", SixAm, project: "team-a")));
        var second = await host.PostAsync("/sync", host.Token(Issuer, FakeIssuer.BelfryClaims("sync", SixAm, project: "team-b")));

        Assert.Equal(("succeeded", "succeeded"), (first.Status, second.Status));
        Assert.Equal(2, _calls["sync"]);
        Assert.Equal(
            [FakeIssuer.FullName("sync", "team-a") + " 2027-01-02 succeeded", FakeIssuer.FullName("sync", "team-b") + " 2027-01-02 succeeded"],
            await host.LedgerRowsAsync());
    }

    [Fact]
    public async Task FullNameBinding_SameIdInAnotherProject_Answers403()
    {
        var host = await StartHostAsync(app =>
            app.MapBatchJob("/sync", Counting("sync")).WithBatchJobName(FakeIssuer.FullName("sync", "team-a")));

        var other = await host.PostAsync("/sync", host.Token(Issuer, FakeIssuer.BelfryClaims("sync", SixAm, project: "team-b")));
        var own = await host.PostAsync("/sync", host.Token(Issuer, FakeIssuer.BelfryClaims("sync", SixAm, project: "team-a")));

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.OK), (other.StatusCode, own.StatusCode));
        Assert.Equal(1, _calls["sync"]);
        Assert.Equal([FakeIssuer.FullName("sync", "team-a") + " 2027-01-02 succeeded"], await host.LedgerRowsAsync());
    }

    [Fact]
    public async Task SeveralJobs_EachRunsUnderItsOwnName()
    {
        var host = await StartHostAsync(app => app.MapBatchJob("/sync", Counting("sync")).WithBatchJobName("sync-orders", "sync-users"));

        var orders = await host.PostAsync("/sync", host.Token(Issuer, FakeIssuer.BelfryClaims("sync-orders", SixAm)));
        var users = await host.PostAsync("/sync", host.Token(Issuer, FakeIssuer.BelfryClaims("sync-users", SixAm)));
        var other = await host.PostAsync("/sync", host.Token(Issuer, FakeIssuer.BelfryClaims("sync", SixAm)));

        Assert.Equal(("succeeded", "succeeded", "forbidden"), (orders.Status, users.Status, other.Status));
        Assert.Equal(2, _calls["sync"]);
    }

    [Fact]
    public async Task Gate_ShortNameIsResolvedInTheCurrentRunsProject()
    {
        var host = await StartHostAsync(app =>
        {
            app.MapBatchJob("/pipeline/step1", Counting("step1"));
            app.MapBatchJob("/pipeline/step2", Counting("step2")).RequireSucceeded("pipeline-step1");
        });
        var step1A = await host.PostAsync("/pipeline/step1", host.Token(Issuer, FakeIssuer.BelfryClaims("pipeline-step1", SixAm, project: "team-a")));
        Assert.Equal(HttpStatusCode.OK, step1A.StatusCode);

        var step2B = await host.PostAsync("/pipeline/step2", host.Token(Issuer, FakeIssuer.BelfryClaims("pipeline-step2", SixAm, project: "team-b")));
        var step2A = await host.PostAsync("/pipeline/step2", host.Token(Issuer, FakeIssuer.BelfryClaims("pipeline-step2", SixAm, project: "team-a")));

        Assert.Equal((HttpStatusCode.Conflict, "waiting", "pipeline-step1"), (step2B.StatusCode, step2B.Status, step2B.WaitingFor));
        Assert.Equal((HttpStatusCode.OK, "succeeded"), (step2A.StatusCode, step2A.Status));
        Assert.Equal(1, _calls["step2"]);
    }

    [Fact]
    public async Task HeaderRun_JobTheEndpointDoesNotRun_Answers403()
    {
        var host = await StartHostAsync(
            app => app.MapBatchJob("/report", Counting("report")),
            options => options.RequireBelfryClaims = false);
        var headers = new Dictionary<string, string>
        {
            ["X-CloudScheduler-JobName"] = "sync-daily",
            ["X-CloudScheduler-ScheduleTime"] = SixAm,
        };

        var reply = await host.PostAsync("/report", host.Token(Issuer), headers);

        Assert.Equal(HttpStatusCode.Forbidden, reply.StatusCode);
        Assert.Empty(_calls);
        Assert.Empty(await host.LedgerRowsAsync());
    }

    [Fact]
    public async Task HeaderRun_FullNameBinding_KeysTheLedgerOnTheFullName()
    {
        var full = FakeIssuer.FullName("sync-daily", "team-a");
        var host = await StartHostAsync(
            app => app.MapBatchJob("/sync", Counting("sync")).WithBatchJobName(full),
            options => options.RequireBelfryClaims = false);
        var headers = new Dictionary<string, string>
        {
            ["X-CloudScheduler-JobName"] = "sync-daily",
            ["X-CloudScheduler-ScheduleTime"] = SixAm,
        };

        var reply = await host.PostAsync("/sync", host.Token(Issuer), headers);

        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        Assert.Equal([full + " 2027-01-02 succeeded"], await host.LedgerRowsAsync());
    }

    [Fact]
    public void WithBatchJobName_MalformedName_Throws()
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateSlimBuilder();
        builder.Services.AddBelfryBatch(_ => { });
        using var app = builder.Build();
        var endpoint = app.MapBatchJob("/x", Counting("x"));

        Assert.Throws<ArgumentException>(() => endpoint.WithBatchJobName("projects/p/jobs/x"));
        Assert.Throws<ArgumentException>(() => endpoint.WithBatchJobName("two words"));
        Assert.Throws<ArgumentException>(() => endpoint.WithBatchJobName());
    }

    private Func<BatchContext, CancellationToken, Task<BatchResult>> Counting(string handler) => (_, _) =>
    {
        lock (_calls)
        {
            _calls[handler] = _calls.GetValueOrDefault(handler) + 1;
        }

        return Task.FromResult(BatchResult.Rows(1));
    };
}
