namespace Belfry.Server.Identity;

/// <summary>
/// The claims of Belfry's tokens (docs/identity.md, "Claims"). The target-side SDK reads exactly these names.
/// </summary>
internal static class BelfryClaims
{
    public const string Issuer = "iss";
    public const string Audience = "aud";
    public const string Subject = "sub";
    public const string Email = "email";
    public const string EmailVerified = "email_verified";
    public const string IssuedAt = "iat";
    public const string Expires = "exp";

    /// <summary>The job id, as <c>X-CloudScheduler-JobName</c>.</summary>
    public const string Job = "belfry_job";

    /// <summary>The job's full resource name.</summary>
    public const string JobName = "belfry_job_name";

    /// <summary>As <c>X-CloudScheduler-ScheduleTime</c>: RFC 3339, no fraction, the job's offset.</summary>
    public const string ScheduleTime = "belfry_schedule_time";

    /// <summary>The job's IANA time zone.</summary>
    public const string TimeZone = "belfry_time_zone";

    public const string Execution = "belfry_execution";

    /// <summary>The attempt number, a JSON number.</summary>
    public const string Attempt = "belfry_attempt";

    /// <summary>The fencing epoch, a JSON number.</summary>
    public const string Epoch = "belfry_epoch";

    /// <summary><c>scheduled</c>, <c>manual</c> or <c>catch_up</c>.</summary>
    public const string Trigger = "belfry_trigger";

    /// <summary>A pipeline step's pipeline id, run id and step id (docs/pipelines.md, "What a step receives").</summary>
    public const string Pipeline = "belfry_pipeline";

    public const string PipelineRun = "belfry_pipeline_run";

    public const string Step = "belfry_step";

    public static IReadOnlyList<string> All { get; } =
    [
        Issuer, Audience, Subject, Email, EmailVerified, IssuedAt, Expires,
        Job, JobName, ScheduleTime, TimeZone, Execution, Attempt, Epoch, Trigger,
    ];
}
