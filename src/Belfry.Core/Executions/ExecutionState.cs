namespace Belfry.Core.Executions;

/// <summary>Where an execution stands. Pending and Running are outstanding; the rest are final.</summary>
internal enum ExecutionState
{
    Pending = 0,
    Running = 1,
    Succeeded = 2,
    Failed = 3,
    Skipped = 4,
    Missed = 5,
    Cancelled = 6,
}
