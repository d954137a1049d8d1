using Microsoft.Extensions.Logging;

namespace Belfry.AspNetCore.Endpoints;

/// <summary>The SDK's log messages. Never the token, never request bodies; reasons are our own fixed phrases.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Warning, "Batch request to {Path} refused with {StatusCode}: {Reason}")]
    public static partial void Refused(ILogger logger, string path, int statusCode, string reason);

    [LoggerMessage(2, LogLevel.Information, "Run {Job} {RunKey} claimed (epoch {Epoch}, attempt {Attempt}, {Trigger})")]
    public static partial void Claimed(ILogger logger, string job, string runKey, long epoch, int? attempt, BatchTrigger trigger);

    [LoggerMessage(3, LogLevel.Information, "Run {Job} {RunKey} already succeeded; skipped")]
    public static partial void Skipped(ILogger logger, string job, string runKey);

    [LoggerMessage(4, LogLevel.Information, "Run {Job} {RunKey} is running elsewhere (epoch {Epoch}); answered 409")]
    public static partial void Busy(ILogger logger, string job, string runKey, long? epoch);

    [LoggerMessage(5, LogLevel.Information, "Run {Job} {RunKey} waits for {WaitingFor} to succeed")]
    public static partial void Waiting(ILogger logger, string job, string runKey, string waitingFor);

    [LoggerMessage(6, LogLevel.Information, "Run {Job} {RunKey} succeeded with {Rows} rows")]
    public static partial void Succeeded(ILogger logger, string job, string runKey, long rows);

    [LoggerMessage(7, LogLevel.Error, "Run {Job} {RunKey} failed")]
    public static partial void Failed(ILogger logger, string job, string runKey, Exception? exception);

    [LoggerMessage(8, LogLevel.Warning, "Run {Job} {RunKey} lost its lease to a newer attempt (epoch {Epoch}); its result is not recorded")]
    public static partial void LeaseLost(ILogger logger, string job, string runKey, long epoch);

    [LoggerMessage(9, LogLevel.Warning, "Renewing the lease of {Job} {RunKey} failed; retrying at the next interval")]
    public static partial void RenewalFailed(ILogger logger, string job, string runKey, Exception exception);

    [LoggerMessage(10, LogLevel.Error, "The execution ledger failed for {Job} {RunKey}")]
    public static partial void LedgerFailed(ILogger logger, string job, string runKey, Exception exception);

    [LoggerMessage(
        11,
        LogLevel.Error,
        "Run {Job} {RunKey} could not renew its lease before it ends (epoch {Epoch}); the handler is cancelled and its result will not be recorded")]
    public static partial void LeaseExpired(ILogger logger, string job, string runKey, long epoch);
}
