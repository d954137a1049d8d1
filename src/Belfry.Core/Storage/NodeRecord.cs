namespace Belfry.Core.Storage;

/// <summary>A node's last heartbeat as stored, with the database's time when it was written.</summary>
internal sealed record NodeRecord(NodeHeartbeat Heartbeat, DateTimeOffset HeartbeatTime);
