namespace Belfry.Core.Storage;

/// <summary>A run cannot do that in its current state (FAILED_PRECONDITION); the message says why.</summary>
internal sealed class PipelineRunConflictException(string message) : Exception(message);
