using Belfry.Contracts.Nodes;
using Belfry.Core.Storage;
using Belfry.Server.Api.Nodes;
using Belfry.Server.Cluster;
using Microsoft.Extensions.Options;

namespace Belfry.Server.Dashboard;

/// <summary>The nodes sharing the store, read as <c>GET /v1/nodes</c> reads them (<see cref="NodesEndpoints.ReadAsync"/>).</summary>
internal sealed class NodeReader(INodeStore nodes, IOptions<ClusterOptions> options)
{
    public async Task<IReadOnlyList<NodeResource>> ListAsync(CancellationToken cancellationToken) =>
        (await NodesEndpoints.ReadAsync(nodes, options.Value, cancellationToken).ConfigureAwait(false)).Nodes;

    /// <summary>
    /// Whether the navigation offers the nodes page: the store can be shared (it has a clock of its own: PostgreSQL), or
    /// more than one node is registered. SQLite is read only then, a cheap local read.
    /// </summary>
    public async Task<bool> WorthShowingAsync(CancellationToken cancellationToken) =>
        nodes.DatabaseHasClock || (await nodes.ListNodesAsync(cancellationToken).ConfigureAwait(false)).Nodes.Count > 1;
}
