namespace Belfry.Server.Dispatch;

internal static partial class Log
{
    // One line per attempt outcome (issue 13): every field a log shipper filters on, INFO on success, ERROR on failure.
    // Job is the job's id (Cloud Logging's job_id label); never the URL, headers, body or token.
    // Success keeps event 7 and failure event 2, the ids these outcomes had before (event 1, a non-2xx answer, is now 2).
    [LoggerMessage(7, LogLevel.Information, "Attempt {Attempt} of execution {Execution} of job {Job} in {Project}/{Location}: {Status}, HTTP {HttpStatus}, {DurationMs} ms")]
    public static partial void AttemptSucceeded(ILogger logger, int attempt, string execution, string job, string project, string location, string status, int httpStatus, double durationMs);

    [LoggerMessage(2, LogLevel.Error, "Attempt {Attempt} of execution {Execution} of job {Job} in {Project}/{Location}: {Status}, HTTP {HttpStatus}, {DurationMs} ms: {Error}")]
    public static partial void AttemptFailed(ILogger logger, int attempt, string execution, string job, string project, string location, string status, int? httpStatus, double durationMs, string error);

    [LoggerMessage(3, LogLevel.Information, "Execution {Execution} of {Job} was taken over by another claim; its result is dropped")]
    public static partial void AttemptFenced(ILogger logger, string job, string execution);

    [LoggerMessage(4, LogLevel.Error, "Dispatcher cycle failed; retrying")]
    public static partial void CycleFailed(ILogger logger, Exception exception);

    [LoggerMessage(5, LogLevel.Error, "Planning job {Job} failed; it is marked UPDATE_FAILED until it is updated")]
    public static partial void PlanFailed(ILogger logger, string job, Exception exception);

    [LoggerMessage(6, LogLevel.Error, "Recording attempt {Attempt} of execution {Execution} of {Job} failed; its lease will expire and it will be retried")]
    public static partial void RecordFailed(ILogger logger, string job, string execution, int attempt, Exception exception);

    [LoggerMessage(8, LogLevel.Warning, "Execution {Execution} of {Job} is no longer held here (its lease ran out while it waited for a free slot, or it was taken over); it is not sent by this node, and its claim is given back if it is still this node's")]
    public static partial void ArmedLeaseExpired(ILogger logger, string job, string execution);

    [LoggerMessage(9, LogLevel.Warning, "Job {Job} missed {Count} more times than the {Recorded} recorded as MISSED executions")]
    public static partial void MissedNotRecorded(ILogger logger, string job, long count, int recorded);

    [LoggerMessage(10, LogLevel.Warning, "Renewing {Count} leases failed; retrying at the next cycle, and their attempts are taken over if they run out meanwhile")]
    public static partial void LeaseRenewalFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(11, LogLevel.Information, "The lease on execution {Execution} (epoch {Epoch}) was not renewed: it was taken over, finished or withdrawn; this node no longer holds it")]
    public static partial void LeaseLost(ILogger logger, string execution, long epoch);

    [LoggerMessage(12, LogLevel.Debug, "The span of run {Run} of {Pipeline} was not emitted: reading the run failed")]
    public static partial void RunSpanFailed(ILogger logger, string pipeline, string run, Exception exception);

    [LoggerMessage(13, LogLevel.Information, "The claim on execution {Execution} (epoch {Epoch}) was never sent; given back, it is due again and uses up no retry")]
    public static partial void ClaimGivenBack(ILogger logger, string execution, long epoch);

    [LoggerMessage(14, LogLevel.Warning, "Giving back {Count} claims never sent failed; retrying at the next cycle, and any whose lease runs out meanwhile is taken over as its next attempt")]
    public static partial void GiveBackFailed(ILogger logger, int count, Exception exception);

    // Issue 14 (M8): one line when the store degrades and one when it recovers, not one per retry.
    [LoggerMessage(15, LogLevel.Error, "The store is unavailable: {Reason}; planning and claiming are paused, and attempt results wait in memory and are retried until it is back")]
    public static partial void StoreDegraded(ILogger logger, string reason, Exception exception);

    [LoggerMessage(16, LogLevel.Information, "The store is available again: attempt results are recorded, planning and claiming resume")]
    public static partial void StoreRecovered(ILogger logger);

    [LoggerMessage(17, LogLevel.Error, "Attempt {Attempt} of execution {Execution} of {Job} could not be recorded ({Tries} tries on its own) and is parked; its execution stays claimed until its lease runs out, then it is retried")]
    public static partial void AttemptParked(ILogger logger, int attempt, string execution, string job, int tries, Exception exception);

    [LoggerMessage(18, LogLevel.Warning, "Stopping while the store is unavailable: {Count} attempt results are not recorded; their executions stay claimed until their leases run out, then they are retried")]
    public static partial void ResultsAbandoned(ILogger logger, int count);
}
