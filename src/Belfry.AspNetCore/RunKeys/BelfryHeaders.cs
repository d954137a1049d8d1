namespace Belfry.AspNetCore.RunKeys;

/// <summary>The claim and header names the scheduler sends (docs/identity.md); claims are signed, headers are not.</summary>
internal static class BelfryHeaders
{
    public const string JobNameHeader = "X-CloudScheduler-JobName";
    public const string ScheduleTimeHeader = "X-CloudScheduler-ScheduleTime";
    public const string ExecutionHeader = "X-Belfry-Execution";
    public const string AttemptHeader = "X-Belfry-Attempt";
    public const string EpochHeader = "X-Belfry-Epoch";
    public const string TriggerHeader = "X-Belfry-Trigger";

    public const string JobClaim = "belfry_job";
    public const string JobNameClaim = "belfry_job_name";
    public const string ScheduleTimeClaim = "belfry_schedule_time";
    public const string TimeZoneClaim = "belfry_time_zone";
    public const string ExecutionClaim = "belfry_execution";
    public const string AttemptClaim = "belfry_attempt";
    public const string EpochClaim = "belfry_epoch";
    public const string TriggerClaim = "belfry_trigger";
}
