using Belfry.Core.Executions;
using Belfry.Core.Jobs;
using Belfry.Core.Pipelines;

namespace Belfry.Core.Storage;

/// <summary>
/// An attempt this node now owns until <see cref="LeaseUntil"/>: the execution (now Running), the job as it is
/// at claim time, the attempt's number and the fencing epoch to send and to record with.
/// </summary>
internal sealed record ClaimedAttempt(Execution Execution, Job Job, int AttemptNumber, long Epoch, DateTimeOffset LeaseUntil)
{
    /// <summary>The pipeline run and step this execution belongs to; null for a job's own execution.</summary>
    public PipelineStepRef? Step { get; init; }
}
