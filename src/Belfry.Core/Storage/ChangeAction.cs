namespace Belfry.Core.Storage;

/// <summary>What one entry of a <see cref="ChangeSet"/> does to its resource.</summary>
internal enum ChangeAction
{
    Create,
    Update,
    Delete,
}
