using Belfry.Contracts.Jobs;

namespace Belfry.Server.Api.Jobs;

/// <summary>The fields of a Job that PATCH may update, top-level and nested, as Cloud Scheduler's <c>updateMask</c> names them.</summary>
internal static class JobUpdateMask
{
    public static readonly FieldMask<JobResource> Fields = new FieldMask<JobResource>(raw => $"updateMask: \"{raw}\" is not a field of Job that can be updated.")
        .Field("description", p => p.Description, (t, p) => t.Description = p.Description)
        .Field("schedule", p => p.Schedule, (t, p) => t.Schedule = p.Schedule)
        .Field("timeZone", p => p.TimeZone, (t, p) => t.TimeZone = p.TimeZone)
        .Field("attemptDeadline", p => p.AttemptDeadline, (t, p) => t.AttemptDeadline = p.AttemptDeadline)
        .Field("httpTarget", p => p.HttpTarget, (t, p) => t.HttpTarget = p.HttpTarget)
        .Nested("httpTarget.uri", (t, p) => Target(t).Uri = p.HttpTarget?.Uri)
        .Nested("httpTarget.httpMethod", (t, p) => Target(t).HttpMethod = p.HttpTarget?.HttpMethod)
        .Nested("httpTarget.headers", (t, p) => Target(t).Headers = p.HttpTarget?.Headers)
        .Nested("httpTarget.body", (t, p) => Target(t).Body = p.HttpTarget?.Body)
        .Nested("httpTarget.oidcToken", (t, p) => Target(t).OidcToken = p.HttpTarget?.OidcToken)
        .Nested("httpTarget.oidcToken.serviceAccountEmail", (t, p) => Oidc(t).ServiceAccountEmail = p.HttpTarget?.OidcToken?.ServiceAccountEmail)
        .Nested("httpTarget.oidcToken.audience", (t, p) => Oidc(t).Audience = p.HttpTarget?.OidcToken?.Audience)
        .Field("retryConfig", p => p.RetryConfig, (t, p) => t.RetryConfig = p.RetryConfig)
        .Nested("retryConfig.retryCount", (t, p) => Retry(t).RetryCount = p.RetryConfig?.RetryCount)
        .Nested("retryConfig.maxRetryDuration", (t, p) => Retry(t).MaxRetryDuration = p.RetryConfig?.MaxRetryDuration)
        .Nested("retryConfig.minBackoffDuration", (t, p) => Retry(t).MinBackoffDuration = p.RetryConfig?.MinBackoffDuration)
        .Nested("retryConfig.maxBackoffDuration", (t, p) => Retry(t).MaxBackoffDuration = p.RetryConfig?.MaxBackoffDuration)
        .Nested("retryConfig.maxDoublings", (t, p) => Retry(t).MaxDoublings = p.RetryConfig?.MaxDoublings)
        .Field("belfry", p => p.Belfry, (t, p) => t.Belfry = p.Belfry)
        .Nested("belfry.overlapPolicy", (t, p) => Belfry(t).OverlapPolicy = p.Belfry?.OverlapPolicy)
        .Nested("belfry.catchUpPolicy", (t, p) => Belfry(t).CatchUpPolicy = p.Belfry?.CatchUpPolicy)
        .Nested("belfry.catchUpWindow", (t, p) => Belfry(t).CatchUpWindow = p.Belfry?.CatchUpWindow)
        .Nested("belfry.notifyOnFailure", (t, p) => Belfry(t).NotifyOnFailure = p.Belfry?.NotifyOnFailure)
        .Nested("belfry.notifyOnRecovery", (t, p) => Belfry(t).NotifyOnRecovery = p.Belfry?.NotifyOnRecovery)
        .Nested("belfry.notifyOnSuccess", (t, p) => Belfry(t).NotifyOnSuccess = p.Belfry?.NotifyOnSuccess)
        .Nested("belfry.missedRunDeadline", (t, p) => Belfry(t).MissedRunDeadline = p.Belfry?.MissedRunDeadline);

    private static HttpTargetResource Target(JobResource job) => job.HttpTarget ??= new HttpTargetResource();

    private static OidcTokenResource Oidc(JobResource job) => Target(job).OidcToken ??= new OidcTokenResource();

    private static RetryConfigResource Retry(JobResource job) => job.RetryConfig ??= new RetryConfigResource();

    private static BelfrySettingsResource Belfry(JobResource job) => job.Belfry ??= new BelfrySettingsResource();
}
