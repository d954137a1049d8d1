namespace Belfry.Core.Pipelines;

/// <summary>Where one step of a run stands; the numbers are stored.</summary>
internal enum PipelineStepState
{
    /// <summary>Waiting for the steps it depends on.</summary>
    Pending = 0,

    /// <summary>Its execution is outstanding (an attempt in flight or a retry waiting).</summary>
    Running = 1,

    Succeeded = 2,

    /// <summary>Its execution failed after its last retry.</summary>
    Failed = 3,

    /// <summary>A step it depends on (directly or not) failed or was cancelled, so it was never sent.</summary>
    NotRun = 4,

    Cancelled = 5,
}
