namespace Belfry.AspNetCore;

/// <summary>Why the scheduler called: the <c>belfry_trigger</c> claim, or <c>X-Belfry-Trigger</c>.</summary>
public enum BatchTrigger
{
    /// <summary>A scheduled occurrence (also any caller that does not say, such as Google Cloud Scheduler).</summary>
    Scheduled,

    /// <summary>
    /// A manual run: the scheduler's <c>:run</c>, or a call with no schedule time at all (e.g. <c>curl</c>), whose run
    /// key is taken from the current time.
    /// </summary>
    Manual,

    /// <summary>An occurrence missed while the scheduler was down and fired late by its catch-up policy.</summary>
    CatchUp,
}
