using Belfry.Contracts.Jobs;
using Belfry.Core.Jobs;

namespace Belfry.Cli.Scheduler;

/// <summary>Flags → request bodies, without I/O. Only the flags given go on the wire; the server applies defaults.</summary>
internal static class JobRequestBuilder
{
    public static JobResource BuildCreate(JobName name, HttpJobFlags flags)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(flags);
        var job = new JobResource
        {
            Name = name.FullName,
            Schedule = flags.Schedule,
            TimeZone = flags.TimeZone,
            Description = flags.Description,
            AttemptDeadline = Wire(flags.AttemptDeadline),
            HttpTarget = new HttpTargetResource
            {
                Uri = flags.Uri,
                HttpMethod = flags.HttpMethod,
                Headers = flags.Headers is null ? null : new Dictionary<string, string>(flags.Headers),
                Body = Base64(flags.MessageBody),
            },
        };

        if (flags.OidcServiceAccountEmail is not null || flags.OidcTokenAudience is not null)
        {
            job.HttpTarget.OidcToken = new OidcTokenResource
            {
                ServiceAccountEmail = flags.OidcServiceAccountEmail,
                Audience = flags.OidcTokenAudience,
            };
        }

        var retry = new RetryConfigResource
        {
            RetryCount = flags.MaxRetryAttempts,
            MaxRetryDuration = Wire(flags.MaxRetryDuration),
            MinBackoffDuration = Wire(flags.MinBackoff),
            MaxBackoffDuration = Wire(flags.MaxBackoff),
            MaxDoublings = flags.MaxDoublings,
        };
        if (AnyGiven(retry.RetryCount, retry.MaxRetryDuration, retry.MinBackoffDuration, retry.MaxBackoffDuration, retry.MaxDoublings))
        {
            job.RetryConfig = retry;
        }

        var belfry = new BelfrySettingsResource
        {
            NotifyOnFailure = List(flags.NotifyOnFailure),
            NotifyOnRecovery = List(flags.NotifyOnRecovery),
            NotifyOnSuccess = List(flags.NotifyOnSuccess),
            MissedRunDeadline = Wire(flags.MissedRunDeadline),
        };
        if (AnyGiven(belfry.NotifyOnFailure, belfry.NotifyOnRecovery, belfry.NotifyOnSuccess, belfry.MissedRunDeadline))
        {
            job.Belfry = belfry;
        }

        return job;
    }

    /// <param name="name">The job.</param>
    /// <param name="flags">What the user gave.</param>
    /// <param name="currentHeaders">The job's headers now; needed only when <see cref="HttpJobFlags.NeedsCurrentHeaders"/>.</param>
    public static JobUpdateRequest BuildUpdate(JobName name, HttpJobFlags flags, IReadOnlyDictionary<string, string>? currentHeaders)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(flags);
        var body = new JobResource();
        var mask = new List<string>();
        var target = new HttpTargetResource();
        var retry = new RetryConfigResource();
        var oidc = new OidcTokenResource();

        Set(flags.Schedule, "schedule", v => body.Schedule = v);
        Set(flags.Description, "description", v => body.Description = v);
        Set(Wire(flags.AttemptDeadline), "attemptDeadline", v => body.AttemptDeadline = v);
        SetOrClear(flags.TimeZone, flags.ClearTimeZone, "timeZone", v => body.TimeZone = v);

        Set(flags.Uri, "httpTarget.uri", v => target.Uri = v);
        Set(flags.HttpMethod, "httpTarget.httpMethod", v => target.HttpMethod = v);
        SetOrClear(MergedHeaders(flags, currentHeaders), flags.ClearHeaders, "httpTarget.headers", v => target.Headers = v);
        SetOrClear(Base64(flags.MessageBody), flags.ClearMessageBody, "httpTarget.body", v => target.Body = v);

        if (flags.ClearAuthToken)
        {
            mask.Add("httpTarget.oidcToken");
        }

        Set(flags.OidcServiceAccountEmail, "httpTarget.oidcToken.serviceAccountEmail", v => oidc.ServiceAccountEmail = v);
        Set(flags.OidcTokenAudience, "httpTarget.oidcToken.audience", v => oidc.Audience = v);

        SetOrClear(flags.MaxRetryAttempts, flags.ClearRetryAttempts, "retryConfig.retryCount", v => retry.RetryCount = v);
        SetOrClear(Wire(flags.MaxRetryDuration), flags.ClearMaxRetryDuration, "retryConfig.maxRetryDuration", v => retry.MaxRetryDuration = v);
        SetOrClear(Wire(flags.MinBackoff), flags.ClearMinBackoff, "retryConfig.minBackoffDuration", v => retry.MinBackoffDuration = v);
        SetOrClear(Wire(flags.MaxBackoff), flags.ClearMaxBackoff, "retryConfig.maxBackoffDuration", v => retry.MaxBackoffDuration = v);
        SetOrClear(flags.MaxDoublings, flags.ClearMaxDoublings, "retryConfig.maxDoublings", v => retry.MaxDoublings = v);

        var belfry = new BelfrySettingsResource();
        SetOrClear(List(flags.NotifyOnFailure), flags.ClearNotifyOnFailure, "belfry.notifyOnFailure", v => belfry.NotifyOnFailure = v);
        SetOrClear(List(flags.NotifyOnRecovery), flags.ClearNotifyOnRecovery, "belfry.notifyOnRecovery", v => belfry.NotifyOnRecovery = v);
        SetOrClear(List(flags.NotifyOnSuccess), flags.ClearNotifyOnSuccess, "belfry.notifyOnSuccess", v => belfry.NotifyOnSuccess = v);
        SetOrClear(Wire(flags.MissedRunDeadline), flags.ClearMissedRunDeadline, "belfry.missedRunDeadline", v => belfry.MissedRunDeadline = v);
        if (AnyGiven(belfry.NotifyOnFailure, belfry.NotifyOnRecovery, belfry.NotifyOnSuccess, belfry.MissedRunDeadline))
        {
            body.Belfry = belfry;
        }

        if (oidc.ServiceAccountEmail is not null || oidc.Audience is not null)
        {
            target.OidcToken = oidc;
        }

        if (AnyGiven(target.Uri, target.HttpMethod, target.Headers, target.Body, target.OidcToken))
        {
            body.HttpTarget = target;
        }

        if (AnyGiven(retry.RetryCount, retry.MaxRetryDuration, retry.MinBackoffDuration, retry.MaxBackoffDuration, retry.MaxDoublings))
        {
            body.RetryConfig = retry;
        }

        return new JobUpdateRequest(body, mask);

        void Set<T>(T? value, string path, Action<T> apply)
        {
            if (value is not null)
            {
                apply(value);
                mask.Add(path);
            }
        }

        void SetOrClear<T>(T? value, bool clear, string path, Action<T> apply)
        {
            if (clear)
            {
                mask.Add(path);
            }
            else
            {
                Set(value, path, apply);
            }
        }
    }

    private static Dictionary<string, string>? MergedHeaders(HttpJobFlags flags, IReadOnlyDictionary<string, string>? current)
    {
        if (!flags.NeedsCurrentHeaders)
        {
            return flags.Headers is null ? null : new Dictionary<string, string>(flags.Headers);
        }

        // Header names are case-insensitive on the wire, so --remove-headers=x-id removes X-Id.
        var merged = new Dictionary<string, string>(flags.Headers ?? current ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase);
        foreach (var key in flags.RemoveHeaders ?? [])
        {
            merged.Remove(key);
        }

        foreach (var (key, value) in flags.UpdateHeaders ?? new Dictionary<string, string>())
        {
            merged.Remove(key);
            merged[key] = value;
        }

        return new Dictionary<string, string>(merged, StringComparer.Ordinal);
    }

    private static List<string>? List(IReadOnlyList<string>? values) => values is null ? null : [.. values];

    private static bool AnyGiven(params object?[] values) => values.Any(v => v is not null);

    private static string? Wire(TimeSpan? duration) => duration is { } d ? DurationParser.ToWire(d) : null;

    private static string? Base64(byte[]? bytes) => bytes is null ? null : Convert.ToBase64String(bytes);
}
