namespace Belfry.Core.Notifications;

/// <summary>How a job's last final execution ended, kept to tell a recovery; the numbers are stored.</summary>
internal enum ExecutionOutcome
{
    Succeeded = 1,

    /// <summary>Failed after its last retry.</summary>
    Failed = 2,
}
