namespace Belfry.Contracts.Nodes;

/// <summary><c>GET /v1/nodes</c>: every node that has written a heartbeat in the last day, by id.</summary>
public sealed class ListNodesResponse
{
    /// <summary>The nodes, by id.</summary>
    public List<NodeResource> Nodes { get; set; } = [];
}
