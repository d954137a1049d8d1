namespace Belfry.Core.Storage;

/// <summary>
/// A change set was refused, and nothing of it written, because <see cref="FullName"/> is not as it was planned: it
/// changed, appeared or disappeared since.
/// </summary>
internal sealed class ChangeSetConflictException(string fullName, string reason) : Exception($"{fullName} {reason}")
{
    public string FullName { get; } = fullName;
}
