using Belfry.AspNetCore.Ledger;
using Microsoft.AspNetCore.Http;

namespace Belfry.AspNetCore.Endpoints;

/// <summary>Running a claimed run: the handler under a renewed lease, then one fenced write of its outcome.</summary>
internal sealed partial class BatchEndpointHandler
{
    private const string ShuttingDown = "cancelled: the service is shutting down";

    /// <remarks>
    /// The handler's token is not the request's: a batch keeps running if the scheduler's attempt deadline passes and
    /// it hangs up (the retry meets 409 while the lease is renewed, then 200 skipped). The token fires when the lease
    /// is lost to a newer attempt, when renewals failed until the lease is about to end, or when the host stops.
    /// </remarks>
    private async Task RunClaimedAsync(
        HttpContext context, Func<BatchContext, CancellationToken, Task<BatchResult>> handler, BatchContext run, RunLease lease, long claimSentAt)
    {
        using var leaseLost = new CancellationTokenSource();
        using var handlerToken = CancellationTokenSource.CreateLinkedTokenSource(leaseLost.Token, _lifetime.ApplicationStopping);
        var keeper = LeaseKeeper.Start(_ledger, lease, _options.LeaseDuration, claimSentAt, _timeProvider, leaseLost, _logger);
        BatchResult? result = null;
        Exception? failure = null;
        try
        {
            result = await handler(run, handlerToken.Token).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            failure = exception;
        }
        finally
        {
            await keeper.DisposeAsync().ConfigureAwait(false);
        }

        switch (keeper.State)
        {
            case LeaseState.TakenOver:
                await AnswerLeaseLostAsync(context, lease).ConfigureAwait(false);
                return;
            case LeaseState.Expired:
                await AnswerLeaseExpiredAsync(context, lease).ConfigureAwait(false);
                return;
        }

        var finishedAt = _timeProvider.GetUtcNow();
        if (failure is null && result is { IsSuccess: true })
        {
            await RecordSuccessAsync(context, lease, result.RowCount, finishedAt).ConfigureAwait(false);
            return;
        }

        var message = SqlExecutionLedger.TruncateError(FailureMessage(failure, result));
        Log.Failed(_logger, lease.JobName, lease.RunKey, failure);
        var recorded = false;
        try
        {
            recorded = await _ledger.FailAsync(lease, finishedAt, message, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // Unrecorded, the row stays running until its lease lapses; then a retry runs it again. Still a 500.
            Log.LedgerFailed(_logger, lease.JobName, lease.RunKey, exception);
            recorded = true;
        }

        if (!recorded)
        {
            await AnswerLeaseLostAsync(context, lease).ConfigureAwait(false);
            return;
        }

        await BatchResponses.WriteAsync(
            context, StatusCodes.Status500InternalServerError, new BatchResponse("failed") { RunKey = lease.RunKey, Error = message })
            .ConfigureAwait(false);
    }

    private async Task RecordSuccessAsync(HttpContext context, RunLease lease, long rows, DateTimeOffset finishedAt)
    {
        bool recorded;
        try
        {
            recorded = await _ledger.CompleteAsync(lease, finishedAt, rows, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // The work is done but not recorded: answer 500 so the scheduler retries; the retry finds the row running
            // until the lease lapses, then runs again (handlers are idempotent, which is why they use the run key).
            Log.LedgerFailed(_logger, lease.JobName, lease.RunKey, exception);
            await BatchResponses.WriteAsync(
                context,
                StatusCodes.Status500InternalServerError,
                new BatchResponse("failed") { RunKey = lease.RunKey, Error = "the result could not be recorded in the execution ledger" })
                .ConfigureAwait(false);
            return;
        }

        if (!recorded)
        {
            await AnswerLeaseLostAsync(context, lease).ConfigureAwait(false);
            return;
        }

        Log.Succeeded(_logger, lease.JobName, lease.RunKey, rows);
        await BatchResponses.WriteAsync(
            context, StatusCodes.Status200OK, new BatchResponse("succeeded") { RunKey = lease.RunKey, Rows = rows })
            .ConfigureAwait(false);
    }

    /// <summary>Our claim was superseded by a newer epoch: its result is not ours to record, and the newer attempt runs.</summary>
    private Task AnswerLeaseLostAsync(HttpContext context, RunLease lease)
    {
        Log.LeaseLost(_logger, lease.JobName, lease.RunKey, lease.Epoch);
        return BatchResponses.WriteAsync(
            context,
            StatusCodes.Status409Conflict,
            new BatchResponse("running") { RunKey = lease.RunKey, Reason = "the lease was lost to a newer attempt" });
    }

    /// <summary>
    /// Renewals failed until the lease was about to end, so the handler was cancelled; whatever it returned is not
    /// recorded, because a retry may claim the run as soon as the lease passes and must not meet our result. Nothing is
    /// written (the ledger was failing anyway): the row stays running until its lease passes, then a retry takes it.
    /// 503, which the scheduler retries.
    /// </summary>
    private static Task AnswerLeaseExpiredAsync(HttpContext context, RunLease lease) =>
        BatchResponses.WriteAsync(
            context,
            StatusCodes.Status503ServiceUnavailable,
            new BatchResponse("unavailable")
            {
                RunKey = lease.RunKey,
                Reason = "the lease could not be renewed before it ended; the run was stopped and its result not recorded",
            });

    private string FailureMessage(Exception? failure, BatchResult? result)
    {
        if (failure is OperationCanceledException && _lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return ShuttingDown;
        }

        if (failure is not null)
        {
            return string.IsNullOrWhiteSpace(failure.Message) ? failure.GetType().Name : failure.Message;
        }

        return result?.Error ?? "the handler returned no result";
    }
}
