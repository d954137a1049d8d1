using Belfry.Core.Jobs;
using Belfry.Core.Retries;

namespace Belfry.Core.Pipelines;

/// <summary>One step: an id unique in its pipeline, the steps it waits for, and a job's HTTP target settings.</summary>
internal sealed record PipelineStep(
    string Id,
    IReadOnlyList<string> DependsOn,
    HttpTarget HttpTarget,
    RetryConfig RetryConfig,
    TimeSpan AttemptDeadline)
{
    public bool Equals(PipelineStep? other) =>
        other is not null && Id == other.Id && DependsOn.SequenceEqual(other.DependsOn) && HttpTarget.Equals(other.HttpTarget) &&
        RetryConfig == other.RetryConfig && AttemptDeadline == other.AttemptDeadline;

    public override int GetHashCode() => HashCode.Combine(Id, DependsOn.Count, HttpTarget, RetryConfig, AttemptDeadline);
}
