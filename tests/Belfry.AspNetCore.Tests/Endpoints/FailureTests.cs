using System.Net;
using Belfry.AspNetCore.Ledger;
using Belfry.AspNetCore.Tests.Infrastructure;

namespace Belfry.AspNetCore.Tests.Endpoints;

/// <summary>
/// Acceptance 5, failures: an exception or a failed result is recorded with its message and answered 500 with JSON
/// (no stack trace), and the scheduler's retry runs the handler again; a success is never run twice.
/// </summary>
public sealed class FailureTests : EndpointTests
{
    private int _calls;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HandlerThrows_Answers500JsonWithTheMessageOnlyAndRecordsFailed()
    {
        var host = await StartHostAsync(app => MapSync(app, (_, _) =>
        {
            Interlocked.Increment(ref _calls);
            return Task.FromException<BatchResult>(new InvalidOperationException("upstream API answered 503"));
        }));

        var reply = await host.PostAsync("/sync", host.Token(Issuer, SyncClaims()));

        Assert.Equal(HttpStatusCode.InternalServerError, reply.StatusCode);
        Assert.Equal("application/json", reply.ContentType);
        Assert.Equal("failed", reply.Status);
        Assert.Equal("2027-01-02", reply.RunKey);
        Assert.Equal("upstream API answered 503", reply.Error);
        Assert.DoesNotContain(" at ", reply.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", reply.Body, StringComparison.Ordinal);
        var row = await host.Ledger.GetAsync(SyncJob, "2027-01-02", Ct);
        Assert.Equal((LedgerStatus.Failed, "upstream API answered 503"), (row!.Status, row.ErrorMessage));
        Assert.Equal(host.Time.GetUtcNow(), row.FinishedAt);
    }

    [Fact]
    public async Task FailedRun_RetryRunsAgainAndSucceeds()
    {
        var host = await StartHostAsync(app => MapSync(app, (_, _) =>
            Interlocked.Increment(ref _calls) == 1
                ? throw new TimeoutException("warehouse timed out")
                : Task.FromResult(BatchResult.Rows(7))));
        var token = host.Token(Issuer, SyncClaims());

        var first = await host.PostAsync("/sync", token);
        host.Time.Advance(TimeSpan.FromSeconds(10));
        var retry = await host.PostAsync("/sync", host.Token(Issuer, FakeIssuer.BelfryClaims("sync-daily-data", "2027-01-02T06:00:00+09:00", attempt: 2)));

        Assert.Equal(HttpStatusCode.InternalServerError, first.StatusCode);
        Assert.Equal((HttpStatusCode.OK, "succeeded", 7L), (retry.StatusCode, retry.Status, retry.Rows));
        Assert.Equal(2, _calls);
        var row = await host.Ledger.GetAsync(SyncJob, "2027-01-02", Ct);
        Assert.Equal((LedgerStatus.Succeeded, 7L, 2L, 2), (row!.Status, row.RowCount, row.Epoch, row.Attempt));
        Assert.Null(row.ErrorMessage);
    }

    [Fact]
    public async Task FailedResult_IsRecordedAndAnswered500()
    {
        var host = await StartHostAsync(app => MapSync(app, (_, _) => Task.FromResult(BatchResult.Failed("no input file for 2027-01-02"))));

        var reply = await host.PostAsync("/sync", host.Token(Issuer, SyncClaims()));

        Assert.Equal((HttpStatusCode.InternalServerError, "no input file for 2027-01-02"), (reply.StatusCode, reply.Error));
        var row = await host.Ledger.GetAsync(SyncJob, "2027-01-02", Ct);
        Assert.Equal(LedgerStatus.Failed, row!.Status);
    }

    [Fact]
    public async Task LongMessage_IsTruncatedInLedgerAndAnswer()
    {
        var host = await StartHostAsync(app => MapSync(app, (_, _) => throw new InvalidOperationException(new string('e', 4000))));

        var reply = await host.PostAsync("/sync", host.Token(Issuer, SyncClaims()));

        Assert.Equal(SqlExecutionLedger.MaxErrorLength, reply.Error!.Length);
        var row = await host.Ledger.GetAsync(SyncJob, "2027-01-02", Ct);
        Assert.Equal(reply.Error, row!.ErrorMessage);
    }

    [Fact]
    public async Task SucceededRun_LaterDuplicateIsSkippedWithoutRunning()
    {
        var host = await StartHostAsync(app => MapSync(app, (_, _) =>
        {
            Interlocked.Increment(ref _calls);
            return Task.FromResult(BatchResult.Ok());
        }));

        var first = await host.PostAsync("/sync", host.Token(Issuer, SyncClaims()));
        host.Time.Advance(TimeSpan.FromHours(3));
        var duplicate = await host.PostAsync("/sync", host.Token(Issuer, SyncClaims()));
        var nextDay = await host.PostAsync("/sync", host.Token(Issuer, SyncClaims("2027-01-03T06:00:00+09:00")));

        Assert.Equal((HttpStatusCode.OK, "succeeded", 0L), (first.StatusCode, first.Status, first.Rows));
        Assert.Equal((HttpStatusCode.OK, "skipped", "2027-01-02"), (duplicate.StatusCode, duplicate.Status, duplicate.RunKey));
        Assert.Null(duplicate.Rows);
        Assert.Equal((HttpStatusCode.OK, "succeeded"), (nextDay.StatusCode, nextDay.Status));
        Assert.Equal(2, _calls);
    }
}
