namespace Belfry.Core.Pipelines;

/// <summary>Which pipeline run and step an execution belongs to: sent as <c>X-Belfry-Pipeline*</c> headers and claims.</summary>
internal sealed record PipelineStepRef(PipelineName Pipeline, string RunId, string StepId);
