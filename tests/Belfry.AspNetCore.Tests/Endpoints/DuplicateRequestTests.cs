using System.Net;
using Belfry.AspNetCore.Ledger;
using Belfry.AspNetCore.Tests.Infrastructure;

namespace Belfry.AspNetCore.Tests.Endpoints;

/// <summary>
/// Acceptance 6: 50 concurrent duplicate requests for one run key run the handler exactly once. The handler holds
/// its run until every other request has been answered, so all of them meet the claim (409 running); afterwards a
/// duplicate is skipped (200). Run against each ledger.
/// </summary>
public abstract class DuplicateRequestTests : EndpointTests
{
    private int _calls;

    protected abstract Task<Action<BelfryBatchOptions>> LedgerAsync();

    [Fact]
    public async Task FiftyConcurrentDuplicates_RunTheHandlerExactlyOnce()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var host = await StartHostAsync(
            app => MapSync(app, async (_, ct) =>
            {
                Interlocked.Increment(ref _calls);
                await release.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
                return BatchResult.Rows(42);
            }),
            await LedgerAsync());
        var token = host.Token(Issuer, SyncClaims());

        var requests = Enumerable.Range(0, 50).Select(_ => Task.Run(() => host.PostAsync("/sync", token))).ToList();
        await Eventually.TrueAsync(() => Task.FromResult(requests.Count(request => request.IsCompleted) >= 49), TimeSpan.FromSeconds(30));
        release.SetResult();
        var replies = await Task.WhenAll(requests);

        Assert.Equal(1, _calls);
        var winner = Assert.Single(replies, reply => reply.Status == "succeeded");
        Assert.Equal((HttpStatusCode.OK, 42L), (winner.StatusCode, winner.Rows));
        Assert.All(
            replies.Where(reply => reply != winner),
            reply => Assert.True(
                (reply.StatusCode, reply.Status) is (HttpStatusCode.Conflict, "running") or (HttpStatusCode.OK, "skipped"),
                $"{reply.StatusCode} {reply.Body}"));
        Assert.All(replies, reply => Assert.Equal("2027-01-02", reply.RunKey));

        var again = await host.PostAsync("/sync", token);
        Assert.Equal((HttpStatusCode.OK, "skipped"), (again.StatusCode, again.Status));
        Assert.Equal(1, _calls);
        var row = await host.Ledger.GetAsync(SyncJob, "2027-01-02", TestContext.Current.CancellationToken);
        Assert.Equal((LedgerStatus.Succeeded, 42L, 1L), (row!.Status, row.RowCount, row.Epoch));
    }
}
