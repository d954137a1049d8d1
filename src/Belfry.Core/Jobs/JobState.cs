namespace Belfry.Core.Jobs;

/// <summary>Cloud Scheduler v1 <c>Job.State</c>; the numbers are the wire enum's.</summary>
internal enum JobState
{
    Unspecified = 0,
    Enabled = 1,
    Paused = 2,
    Disabled = 3,
    UpdateFailed = 4,
}
