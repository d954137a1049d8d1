namespace Belfry.Core.Jobs;

/// <summary>What a scheduled time does when the job still has an outstanding execution (docs/semantics.md).</summary>
internal enum OverlapPolicy
{
    /// <summary>Cloud Scheduler's rule: wait for the outstanding one; several waiting times coalesce into one.</summary>
    Coalesce = 0,

    /// <summary>Drop the new time, recorded as skipped.</summary>
    Skip = 1,

    /// <summary>Start another execution alongside.</summary>
    Allow = 2,
}
