namespace Belfry.Core.Notifications;

/// <summary>What happened; the numbers are stored in the outbox.</summary>
internal enum NotificationEventKind
{
    /// <summary>An execution failed after its last retry.</summary>
    ExecutionFailed = 1,

    /// <summary>The first success after an execution that failed.</summary>
    ExecutionRecovered = 2,

    /// <summary>An execution succeeded (opt-in).</summary>
    ExecutionSucceeded = 3,

    /// <summary>A scheduled time passed its deadline without a successful execution.</summary>
    MissedRun = 4,

    /// <summary>A job that had missed a run succeeded again.</summary>
    MissedRunResolved = 5,

    /// <summary>An alert policy's threshold was reached (or, rate-limited, is still exceeded with new failures).</summary>
    AlertFiring = 6,

    /// <summary>An alert policy's condition cleared.</summary>
    AlertResolved = 7,

    /// <summary><c>channels/*:test</c>.</summary>
    Test = 8,

    /// <summary>A pipeline step failed after its last retry: its run fails, and the steps after it will not run.</summary>
    PipelineRunFailed = 9,

    /// <summary>A run that had a step fail succeeded after a resume.</summary>
    PipelineRunRecovered = 10,
}
