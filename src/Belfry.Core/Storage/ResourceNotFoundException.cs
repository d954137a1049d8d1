namespace Belfry.Core.Storage;

/// <summary>The pipeline or run named does not exist (NOT_FOUND).</summary>
internal sealed class ResourceNotFoundException(string fullName) : Exception($"{fullName} not found.")
{
    public string FullName { get; } = fullName;
}
