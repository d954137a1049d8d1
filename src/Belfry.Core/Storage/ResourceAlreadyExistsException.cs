namespace Belfry.Core.Storage;

/// <summary>A channel or alert policy with that name already exists.</summary>
internal sealed class ResourceAlreadyExistsException(string fullName) : Exception($"{fullName} already exists.")
{
    public string FullName { get; } = fullName;
}
