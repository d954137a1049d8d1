namespace Belfry.Core.Pipelines;

/// <summary>A pipeline's steps do not form a valid graph; the message names the problem (INVALID_ARGUMENT).</summary>
internal sealed class PipelineDefinitionException(string message) : Exception(message);
