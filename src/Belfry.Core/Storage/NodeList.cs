namespace Belfry.Core.Storage;

/// <summary>Every node's last heartbeat, by id, and the database's time when they were read (to tell which are gone).</summary>
internal sealed record NodeList(IReadOnlyList<NodeRecord> Nodes, DateTimeOffset DatabaseTime);
