namespace Belfry.Core.Storage;

/// <summary>The kinds of resource a <see cref="ChangeSet"/> writes: those a <c>belfry.yaml</c> declares.</summary>
internal enum ChangeResourceKind
{
    Job,
    Pipeline,
    Channel,
    AlertPolicy,
}
