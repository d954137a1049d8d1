using Belfry.Contracts.Jobs;
using Belfry.Contracts.Serialization;
using Belfry.Core.Jobs;
using Belfry.Core.Notifications;
using Belfry.Core.Planning;
using Belfry.Core.Retries;
using Belfry.Core.Scheduling;
using Belfry.Server.Egress;

namespace Belfry.Server.Api.Jobs;

/// <summary>
/// Turns a requested <see cref="JobResource"/> into a valid Core <see cref="Job"/> definition, applying Cloud
/// Scheduler v1's defaults and limits, or throws INVALID_ARGUMENT naming the field. Output-only fields are ignored.
/// </summary>
internal sealed class JobValidator(ScheduleCache schedules, EgressPolicy egress)
{
    public const int MaxJobBytes = 1024 * 1024;
    private const int MaxDescriptionLength = 500;
    private const int MaxUriLength = 2083;
    private static readonly TimeSpan MinAttemptDeadline = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan MaxAttemptDeadline = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan MaxMissedRunDeadline = TimeSpan.FromDays(365);

    // Headers the scheduler owns or that HTTP computes (Cloud Scheduler refuses these too).
    private static readonly string[] ReservedHeaders = ["Host", "Content-Length", "Transfer-Encoding", "Connection", "User-Agent", "Authorization"];
    private static readonly string[] ReservedHeaderPrefixes = ["X-Google-", "X-AppEngine-", "X-CloudScheduler", "X-Belfry-"];

    public Job Validate(JobName name, JobResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (resource.PubsubTarget is not null || resource.AppEngineHttpTarget is not null)
        {
            throw ApiException.InvalidArgument("Belfry supports only httpTarget; pubsubTarget and appEngineHttpTarget are not available.");
        }

        var description = resource.Description ?? "";
        if (description.Length > MaxDescriptionLength)
        {
            throw ApiException.InvalidArgument($"description: at most {MaxDescriptionLength} characters, got {description.Length}.");
        }

        if (string.IsNullOrWhiteSpace(resource.Schedule))
        {
            throw ApiException.InvalidArgument("schedule: required.");
        }

        var timeZone = string.IsNullOrEmpty(resource.TimeZone) ? "Etc/UTC" : resource.TimeZone;
        try
        {
            schedules.Get(resource.Schedule, timeZone);
        }
        catch (ScheduleFormatException e)
        {
            throw ApiException.InvalidArgument(e.Message);
        }

        return new Job
        {
            Name = name,
            Description = description,
            Schedule = resource.Schedule,
            TimeZone = timeZone,
            HttpTarget = ValidateTarget(resource.HttpTarget),
            RetryConfig = ValidateRetry(resource.RetryConfig),
            AttemptDeadline = ValidateAttemptDeadline(resource.AttemptDeadline),
            Belfry = ValidateBelfry(resource.Belfry, name.Parent),
        };
    }

    private HttpTarget ValidateTarget(HttpTargetResource? target)
    {
        if (target is null)
        {
            throw ApiException.InvalidArgument("httpTarget: required.");
        }

        if (target.OauthToken is not null)
        {
            throw ApiException.InvalidArgument("httpTarget.oauthToken: Google OAuth tokens are not available in Belfry; use httpTarget.oidcToken.");
        }

        if (string.IsNullOrEmpty(target.Uri) || target.Uri.Length > MaxUriLength ||
            !Uri.TryCreate(target.Uri, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) ||
            string.IsNullOrEmpty(uri.Host))
        {
            throw ApiException.InvalidArgument($"httpTarget.uri: must be an absolute http:// or https:// URI of at most {MaxUriLength} characters, got \"{target.Uri}\".");
        }

        if (egress.RefusalOfLiteral(uri) is { } refusal)
        {
            throw ApiException.InvalidArgument($"httpTarget.uri: {refusal} (Belfry:Egress, docs/security.md).");
        }

        var method = target.HttpMethod is null or HttpMethodWire.Unspecified ? HttpMethodKind.Post : (HttpMethodKind)target.HttpMethod;
        if (!Enum.IsDefined(method))
        {
            throw ApiException.InvalidArgument($"httpTarget.httpMethod: unknown value {(int)method}.");
        }

        var body = DecodeBody(target.Body);
        if (!body.IsEmpty && method is not (HttpMethodKind.Post or HttpMethodKind.Put or HttpMethodKind.Patch))
        {
            throw ApiException.InvalidArgument($"httpTarget.body: a body is allowed only with POST, PUT or PATCH, not {method.ToString().ToUpperInvariant()}.");
        }

        return new HttpTarget(target.Uri, method, ValidateHeaders(target.Headers), body, ValidateOidc(target.OidcToken));
    }

    private static ReadOnlyMemory<byte> DecodeBody(string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        return ProtobufBase64.TryDecode(body, out var bytes)
            ? bytes
            : throw ApiException.InvalidArgument("httpTarget.body: must be base64-encoded bytes.");
    }

    private static List<KeyValuePair<string, string>> ValidateHeaders(Dictionary<string, string>? headers)
    {
        var result = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in headers ?? [])
        {
            if (string.IsNullOrWhiteSpace(key) || key.Any(c => c <= ' ' || c >= 127 || c == ':'))
            {
                throw ApiException.InvalidArgument($"httpTarget.headers: \"{key}\" is not a valid header name.");
            }

            if (ReservedHeaders.Contains(key, StringComparer.OrdinalIgnoreCase) ||
                ReservedHeaderPrefixes.Any(p => key.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            {
                throw ApiException.InvalidArgument($"httpTarget.headers: \"{key}\" is set by the scheduler and cannot be given.");
            }

            if (value.Any(c => c is '\r' or '\n'))
            {
                throw ApiException.InvalidArgument($"httpTarget.headers: the value of \"{key}\" contains a line break.");
            }

            result.Add(new KeyValuePair<string, string>(key, value));
        }

        return result;
    }

    private static OidcToken? ValidateOidc(OidcTokenResource? oidc)
    {
        if (oidc is null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(oidc.ServiceAccountEmail))
        {
            throw ApiException.InvalidArgument("httpTarget.oidcToken.serviceAccountEmail: required when oidcToken is set.");
        }

        return new OidcToken(oidc.ServiceAccountEmail, string.IsNullOrEmpty(oidc.Audience) ? null : oidc.Audience);
    }

    private static RetryConfig ValidateRetry(RetryConfigResource? retry)
    {
        var defaults = RetryConfig.Default;
        if (retry is null)
        {
            return defaults;
        }

        var count = retry.RetryCount ?? defaults.RetryCount;
        if (count is < 0 or > RetryConfig.MaxRetryCount)
        {
            throw ApiException.InvalidArgument($"retryConfig.retryCount: must be between 0 and {RetryConfig.MaxRetryCount}, got {count}.");
        }

        var doublings = retry.MaxDoublings ?? defaults.MaxDoublings;
        if (doublings < 0)
        {
            throw ApiException.InvalidArgument($"retryConfig.maxDoublings: must not be negative, got {doublings}.");
        }

        var maxDuration = Duration("retryConfig.maxRetryDuration", retry.MaxRetryDuration, defaults.MaxRetryDuration, RetryConfig.MaxRetryDurationLimit);
        var min = Duration("retryConfig.minBackoffDuration", retry.MinBackoffDuration, defaults.MinBackoffDuration, RetryConfig.MaxBackoffLimit);
        var max = Duration("retryConfig.maxBackoffDuration", retry.MaxBackoffDuration, defaults.MaxBackoffDuration, RetryConfig.MaxBackoffLimit);
        if (min > max)
        {
            throw ApiException.InvalidArgument($"retryConfig.minBackoffDuration: {DurationFormat.Format(min)} exceeds retryConfig.maxBackoffDuration {DurationFormat.Format(max)}.");
        }

        return new RetryConfig(count, maxDuration, min, max, doublings);
    }

    private static TimeSpan ValidateAttemptDeadline(string? text)
    {
        var deadline = Duration("attemptDeadline", text, Job.DefaultAttemptDeadline);
        if (deadline < MinAttemptDeadline || deadline > MaxAttemptDeadline)
        {
            throw ApiException.InvalidArgument($"attemptDeadline: must be between 15s and 30m (1800s), got {DurationFormat.Format(deadline)}.");
        }

        return deadline;
    }

    private static BelfrySettings ValidateBelfry(BelfrySettingsResource? belfry, LocationName parent)
    {
        var defaults = BelfrySettings.Default;
        if (belfry is null)
        {
            return defaults;
        }

        var overlap = (OverlapPolicy)(belfry.OverlapPolicy ?? OverlapPolicyWire.Coalesce);
        var catchUp = (CatchUpPolicy)(belfry.CatchUpPolicy ?? CatchUpPolicyWire.Latest);
        if (!Enum.IsDefined(overlap) || !Enum.IsDefined(catchUp))
        {
            throw ApiException.InvalidArgument("belfry: unknown overlapPolicy or catchUpPolicy value.");
        }

        return new BelfrySettings(overlap, catchUp, Duration("belfry.catchUpWindow", belfry.CatchUpWindow, defaults.CatchUpWindow, BelfrySettings.MaxCatchUpWindow))
        {
            Notify = new NotificationRoutes(
                ChannelReferences.Resolve("belfry.notifyOnFailure", belfry.NotifyOnFailure, parent),
                ChannelReferences.Resolve("belfry.notifyOnRecovery", belfry.NotifyOnRecovery, parent),
                ChannelReferences.Resolve("belfry.notifyOnSuccess", belfry.NotifyOnSuccess, parent)),
            MissedRunDeadline = ValidateMissedRunDeadline(belfry.MissedRunDeadline),
        };
    }

    /// <summary>Absent or 0s: off; otherwise 1s to 365 days.</summary>
    private static TimeSpan? ValidateMissedRunDeadline(string? text)
    {
        var deadline = Duration("belfry.missedRunDeadline", text, TimeSpan.Zero);
        if (deadline == TimeSpan.Zero)
        {
            return null;
        }

        return deadline < TimeSpan.FromSeconds(1) || deadline > MaxMissedRunDeadline
            ? throw ApiException.InvalidArgument($"belfry.missedRunDeadline: must be between 1s and 365 days (31536000s), got {DurationFormat.Format(deadline)}.")
            : deadline;
    }

    private static TimeSpan Duration(string field, string? text, TimeSpan fallback) =>
        string.IsNullOrEmpty(text) ? fallback : DurationFormat.Parse(field, text);

    /// <summary>A duration from 0 to <paramref name="max"/>: past it, a field is refused before any arithmetic uses it.</summary>
    private static TimeSpan Duration(string field, string? text, TimeSpan fallback, TimeSpan max)
    {
        var value = Duration(field, text, fallback);
        return value > max
            ? throw ApiException.InvalidArgument($"{field}: must be at most {DurationFormat.Describe(max)}, got {DurationFormat.Format(value)}.")
            : value;
    }

    public static void CheckSize(ReadOnlySpan<byte> utf8Json)
    {
        if (utf8Json.Length > MaxJobBytes)
        {
            throw ApiException.InvalidArgument($"job: {utf8Json.Length} bytes exceeds the 1 MB limit.");
        }
    }
}
