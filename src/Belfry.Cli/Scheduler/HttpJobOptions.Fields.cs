using System.CommandLine;

namespace Belfry.Cli.Scheduler;

/// <summary>Which flag sets which field of the Job resource, so a refusal of a field can name the flag (issue 15).</summary>
internal sealed partial class HttpJobOptions
{
    /// <summary>
    /// The flag for each API field path the flags send (the paths of <see cref="JobRequestBuilder"/>'s update mask);
    /// a field set from one of two flags (the body, the headers on update) names the main one.
    /// </summary>
    public IReadOnlyDictionary<string, string> FlagsByField => field ??= new Dictionary<string, Option>(StringComparer.Ordinal)
    {
        ["schedule"] = Schedule,
        ["timeZone"] = TimeZone,
        ["description"] = Description,
        ["attemptDeadline"] = AttemptDeadline,
        ["httpTarget.uri"] = Uri,
        ["httpTarget.httpMethod"] = HttpMethod,
        ["httpTarget.headers"] = Headers,
        ["httpTarget.body"] = MessageBody,
        ["httpTarget.oidcToken.serviceAccountEmail"] = OidcServiceAccountEmail,
        ["httpTarget.oidcToken.audience"] = OidcTokenAudience,
        ["retryConfig.retryCount"] = MaxRetryAttempts,
        ["retryConfig.maxRetryDuration"] = MaxRetryDuration,
        ["retryConfig.minBackoffDuration"] = MinBackoff,
        ["retryConfig.maxBackoffDuration"] = MaxBackoff,
        ["retryConfig.maxDoublings"] = MaxDoublings,
        ["belfry.notifyOnFailure"] = NotifyOnFailure,
        ["belfry.notifyOnRecovery"] = NotifyOnRecovery,
        ["belfry.notifyOnSuccess"] = NotifyOnSuccess,
        ["belfry.missedRunDeadline"] = MissedRunDeadline,
    }.ToDictionary(p => p.Key, p => p.Value.Name, StringComparer.Ordinal);
}
