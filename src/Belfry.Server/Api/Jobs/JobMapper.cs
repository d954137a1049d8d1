using Belfry.Contracts.Common;
using Belfry.Contracts.Jobs;
using Belfry.Core.Jobs;

namespace Belfry.Server.Api.Jobs;

/// <summary>Core <see cref="Job"/> to its wire form, with every default spelled out as Cloud Scheduler answers.</summary>
internal static class JobMapper
{
    public static JobResource ToResource(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var target = job.HttpTarget;
        var retry = job.RetryConfig;
        return new JobResource
        {
            Name = job.Name.FullName,
            Description = job.Description.Length == 0 ? null : job.Description,
            Schedule = job.Schedule,
            TimeZone = job.TimeZone,
            HttpTarget = new HttpTargetResource
            {
                Uri = target.Uri,
                HttpMethod = (HttpMethodWire)target.HttpMethod,
                Headers = target.Headers.Count == 0 ? null : target.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase),
                Body = target.Body.IsEmpty ? null : Convert.ToBase64String(target.Body.Span),
                OidcToken = target.OidcToken is { } oidc
                    ? new OidcTokenResource { ServiceAccountEmail = oidc.ServiceAccountEmail, Audience = oidc.Audience ?? target.Uri }
                    : null,
            },
            RetryConfig = new RetryConfigResource
            {
                RetryCount = retry.RetryCount,
                MaxRetryDuration = DurationFormat.Format(retry.MaxRetryDuration),
                MinBackoffDuration = DurationFormat.Format(retry.MinBackoffDuration),
                MaxBackoffDuration = DurationFormat.Format(retry.MaxBackoffDuration),
                MaxDoublings = retry.MaxDoublings,
            },
            AttemptDeadline = DurationFormat.Format(job.AttemptDeadline),
            Belfry = new BelfrySettingsResource
            {
                OverlapPolicy = (OverlapPolicyWire)job.Belfry.Overlap,
                CatchUpPolicy = (CatchUpPolicyWire)job.Belfry.CatchUp,
                CatchUpWindow = DurationFormat.Format(job.Belfry.CatchUpWindow),
                NotifyOnFailure = NullIfEmpty(job.Belfry.Notify.OnFailure),
                NotifyOnRecovery = NullIfEmpty(job.Belfry.Notify.OnRecovery),
                NotifyOnSuccess = NullIfEmpty(job.Belfry.Notify.OnSuccess),
                MissedRunDeadline = job.Belfry.MissedRunDeadline is { } deadline ? DurationFormat.Format(deadline) : null,
            },
            State = (JobStateWire)job.State,
            Status = job.Status is { } status ? new StatusResource { Code = status.Code, Message = status.Message.Length == 0 ? null : status.Message } : null,
            ScheduleTime = job.ScheduleTime,
            LastAttemptTime = job.LastAttemptTime,
            UserUpdateTime = job.UserUpdateTime,
        };
    }

    private static List<string>? NullIfEmpty(IReadOnlyList<string> values) => values.Count == 0 ? null : [.. values];

    public static string StateName(JobState state) => state switch
    {
        JobState.Enabled => "ENABLED",
        JobState.Paused => "PAUSED",
        JobState.Disabled => "DISABLED",
        JobState.UpdateFailed => "UPDATE_FAILED",
        _ => "STATE_UNSPECIFIED",
    };
}
