namespace Belfry.Core.Storage;

/// <summary>Another server already holds the embedded store; a second one must not start.</summary>
internal sealed class StoreLockedException(string message) : Exception(message);
