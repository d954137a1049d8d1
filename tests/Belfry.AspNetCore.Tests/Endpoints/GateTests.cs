using System.Net;
using Belfry.AspNetCore.Tests.Infrastructure;

namespace Belfry.AspNetCore.Tests.Endpoints;

/// <summary>
/// Acceptance 7: the seed article's time-shifted chain (step1 at 06:00, step2 at 06:05) made safe. step2 answers 409
/// waiting, without running, until step1 has succeeded for the same run key.
/// </summary>
public sealed class GateTests : EndpointTests
{
    private const string Step1At = "2027-01-02T06:00:00+09:00";
    private const string Step2At = "2027-01-02T06:05:00+09:00";
    private bool _step1Fails;
    private int _step2Calls;
    private BatchHost _host = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _host = await StartHostAsync(app =>
        {
            app.MapBatchJob("/pipeline/step1", (_, _) =>
                Task.FromResult(_step1Fails ? BatchResult.Failed("source missing") : BatchResult.Rows(10)));
            app.MapBatchJob("/pipeline/step2", (_, _) =>
            {
                Interlocked.Increment(ref _step2Calls);
                return Task.FromResult(BatchResult.Rows(20));
            }).RequireSucceeded("pipeline-step1");
        });
    }

    [Fact]
    public async Task Step2BeforeStep1_Answers409WaitingWithoutRunning()
    {
        var reply = await Step2Async();

        Assert.Equal(HttpStatusCode.Conflict, reply.StatusCode);
        Assert.Equal(("waiting", "2027-01-02", "pipeline-step1"), (reply.Status, reply.RunKey, reply.WaitingFor));
        Assert.Equal(0, _step2Calls);
        Assert.Null(await _host.Ledger.GetAsync("pipeline-step2", "2027-01-02", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Step1Failed_Step2KeepsWaiting()
    {
        _step1Fails = true;
        Assert.Equal(HttpStatusCode.InternalServerError, (await Step1Async()).StatusCode);

        var reply = await Step2Async();

        Assert.Equal((HttpStatusCode.Conflict, "waiting"), (reply.StatusCode, reply.Status));
        Assert.Equal(0, _step2Calls);
    }

    [Fact]
    public async Task Step1Succeeded_Step2RunsForTheSameRunKey()
    {
        Assert.Equal(HttpStatusCode.OK, (await Step1Async()).StatusCode);

        var reply = await Step2Async();

        Assert.Equal((HttpStatusCode.OK, "succeeded", 20L), (reply.StatusCode, reply.Status, reply.Rows));
        Assert.Equal(1, _step2Calls);
    }

    [Fact]
    public async Task Step1SucceededOnAnotherDay_Step2Waits()
    {
        Assert.Equal(HttpStatusCode.OK, (await Step1Async("2027-01-01T06:00:00+09:00")).StatusCode);

        var reply = await Step2Async();

        Assert.Equal((HttpStatusCode.Conflict, "waiting"), (reply.StatusCode, reply.Status));
        Assert.Equal(0, _step2Calls);
    }

    private Task<BatchReply> Step1Async(string scheduleTime = Step1At) =>
        _host.PostAsync("/pipeline/step1", _host.Token(Issuer, FakeIssuer.BelfryClaims("pipeline-step1", scheduleTime)));

    private Task<BatchReply> Step2Async() =>
        _host.PostAsync("/pipeline/step2", _host.Token(Issuer, FakeIssuer.BelfryClaims("pipeline-step2", Step2At)));
}
