using Belfry.Contracts.Jobs;

namespace Belfry.Contracts.Pipelines;

/// <summary>One step: the same target settings as a job (httpTarget, retryConfig, attemptDeadline), plus edges.</summary>
public sealed class PipelineStepResource
{
    public string? Id { get; set; }

    /// <summary>Ids of steps that must succeed first.</summary>
    public List<string>? DependsOn { get; set; }

    public HttpTargetResource? HttpTarget { get; set; }

    public RetryConfigResource? RetryConfig { get; set; }

    /// <summary>Duration string, e.g. <c>"180s"</c>.</summary>
    public string? AttemptDeadline { get; set; }
}
