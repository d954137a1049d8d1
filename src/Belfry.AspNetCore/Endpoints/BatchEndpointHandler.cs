using Belfry.AspNetCore.Ledger;
using Belfry.AspNetCore.RunKeys;
using Belfry.AspNetCore.Verification;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Belfry.AspNetCore.Endpoints;

/// <summary>
/// One request to a batch endpoint, in order: verify the token (401/403, the handler never called), admit the caller and
/// its run on this endpoint (403/400, <see cref="RunAdmission"/>), work out the run key (400 if unusable), check the gate (409 waiting), claim the run in the ledger (200 skipped,
/// 409 running), then run the handler under a renewed lease and record its outcome (200 succeeded, 500 failed; 409 or 503 when the lease
/// was lost).
/// </summary>
internal sealed partial class BatchEndpointHandler
{
    private readonly BelfryBatchOptions _options;
    private readonly BatchTokenVerifier _verifier;
    private readonly IExecutionLedger _ledger;
    private readonly TimeProvider _timeProvider;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger _logger;
    private readonly TimeZoneInfo _defaultZone;

    public BatchEndpointHandler(
        IOptions<BelfryBatchOptions> options,
        BatchTokenVerifier verifier,
        IExecutionLedger ledger,
        TimeProvider timeProvider,
        IHostApplicationLifetime lifetime,
        ILogger<BatchEndpointHandler> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _verifier = verifier;
        _ledger = ledger;
        _timeProvider = timeProvider;
        _lifetime = lifetime;
        _logger = logger;
        _defaultZone = TimeZoneInfo.FindSystemTimeZoneById(_options.DefaultTimeZone);
    }

    public async Task HandleAsync(HttpContext context, Func<BatchContext, CancellationToken, Task<BatchResult>> handler)
    {
        using var activity = BatchActivities.Start(context);
        await HandleTracedAsync(context, handler).ConfigureAwait(false);
    }

    private async Task HandleTracedAsync(HttpContext context, Func<BatchContext, CancellationToken, Task<BatchResult>> handler)
    {
        var requestAborted = context.RequestAborted;
        var verification = await _verifier.VerifyAsync(context.Request.Headers.Authorization, requestAborted).ConfigureAwait(false);
        if (verification.Outcome != VerificationOutcome.Verified)
        {
            await RefuseAsync(context, verification).ConfigureAwait(false);
            return;
        }

        var token = verification.Token!;
        var metadata = context.GetEndpoint()?.Metadata;
        var arrived = _timeProvider.GetUtcNow();
        var admission = RunAdmission.Admit(token, context.Request.Headers, metadata, _options, arrived);
        if (admission.Inputs is null)
        {
            await RefuseAsync(context, admission.StatusCode, admission.Status, admission.Reason).ConfigureAwait(false);
            return;
        }

        if (!RunKeyCalculator.TryCompute(
                admission.Inputs, "batch", _options.RunKeyGranularity, _defaultZone, arrived, out var run, out var error))
        {
            await RefuseAsync(context, StatusCodes.Status400BadRequest, "bad_request", error!).ConfigureAwait(false);
            return;
        }

        string? waitingFor;
        ClaimResult? claim = null;
        long claimSentAt = 0;
        try
        {
            waitingFor = await UnmetPrerequisiteAsync(metadata, run!, requestAborted).ConfigureAwait(false);
            if (waitingFor is null)
            {
                // The lease's local deadline counts from before the claim's write, on the monotonic clock (LeaseKeeper).
                claimSentAt = _timeProvider.GetTimestamp();
                var now = _timeProvider.GetUtcNow();
                // Not the request's token: a claim committed but cancelled on its way back would strand the run until its
                // lease lapsed.
                claim = await _ledger.TryClaimAsync(new ClaimRequest(run!, now, now + _options.LeaseDuration), CancellationToken.None)
                    .ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !requestAborted.IsCancellationRequested)
        {
            // The ledger failed before the handler ran: nothing was recorded, so asking for a retry is the right answer.
            Log.LedgerFailed(_logger, run!.JobName, run.RunKey, exception);
            await BatchResponses.WriteAsync(
                context,
                StatusCodes.Status503ServiceUnavailable,
                new BatchResponse("unavailable") { RunKey = run.RunKey, Reason = "the execution ledger is unavailable" })
                .ConfigureAwait(false);
            return;
        }

        if (waitingFor is not null)
        {
            Log.Waiting(_logger, run!.JobName, run.RunKey, waitingFor);
            await BatchResponses.WriteAsync(
                context, StatusCodes.Status409Conflict, new BatchResponse("waiting") { RunKey = run.RunKey, WaitingFor = waitingFor })
                .ConfigureAwait(false);
            return;
        }

        switch (claim!.Outcome)
        {
            case ClaimOutcome.AlreadySucceeded:
                Log.Skipped(_logger, run!.JobName, run.RunKey);
                await BatchResponses.WriteAsync(context, StatusCodes.Status200OK, new BatchResponse("skipped") { RunKey = run.RunKey })
                    .ConfigureAwait(false);
                return;
            case ClaimOutcome.Running:
                Log.Busy(_logger, run!.JobName, run.RunKey, claim.Entry?.Epoch);
                await BatchResponses.WriteAsync(context, StatusCodes.Status409Conflict, new BatchResponse("running") { RunKey = run.RunKey })
                    .ConfigureAwait(false);
                return;
        }

        Log.Claimed(_logger, run!.JobName, run.RunKey, claim.Lease!.Epoch, run.Attempt, run.Trigger);
        BatchActivities.Claimed(run, claim.Lease);
        var batchContext = CreateContext(context, run, claim.Lease, RunInputReader.Subject(token));
        await RunClaimedAsync(context, handler, batchContext, claim.Lease, claimSentAt).ConfigureAwait(false);
    }

    private static BatchContext CreateContext(HttpContext context, RunIdentity run, RunLease lease, string? subject) => new()
    {
        JobName = run.JobShortName ?? run.JobName,
        JobFullName = JobNames.IsFullName(run.JobName) ? run.JobName : null,
        RunKey = run.RunKey,
        RunDate = run.RunDate,
        ScheduleTime = run.ScheduleTime,
        TimeZone = run.TimeZone,
        Trigger = run.Trigger,
        ExecutionId = run.ExecutionId,
        Attempt = run.Attempt,
        Epoch = run.Epoch,
        Subject = subject,
        LedgerEpoch = lease.Epoch,
        Services = context.RequestServices,
    };

    private Task RefuseAsync(HttpContext context, VerificationResult verification)
    {
        var (statusCode, status) = verification.Outcome switch
        {
            VerificationOutcome.Forbidden => (StatusCodes.Status403Forbidden, "forbidden"),
            VerificationOutcome.Unavailable => (StatusCodes.Status503ServiceUnavailable, "unavailable"),
            _ => (StatusCodes.Status401Unauthorized, "unauthorized"),
        };
        return RefuseAsync(context, statusCode, status, verification.Reason);
    }

    private Task RefuseAsync(HttpContext context, int statusCode, string status, string reason)
    {
        Log.Refused(_logger, context.Request.Path, statusCode, reason);
        return BatchResponses.WriteAsync(context, statusCode, new BatchResponse(status) { Reason = reason });
    }

    /// <summary>The first required job that has not succeeded for this run key, or <see langword="null"/>.</summary>
    private async Task<string?> UnmetPrerequisiteAsync(EndpointMetadataCollection? metadata, RunIdentity run, CancellationToken cancellationToken)
    {
        if (metadata is null)
        {
            return null;
        }

        foreach (var gate in metadata.GetOrderedMetadata<RequireSucceededMetadata>())
        {
            foreach (var jobName in gate.JobNames)
            {
                // "pipeline-step1" means the job of that id beside this run's job, not one of that id in another project.
                var entry = await _ledger.GetAsync(JobNames.Qualify(jobName, run.JobName), run.RunKey, cancellationToken).ConfigureAwait(false);
                if (entry?.Status != LedgerStatus.Succeeded)
                {
                    return jobName;
                }
            }
        }

        return null;
    }
}
