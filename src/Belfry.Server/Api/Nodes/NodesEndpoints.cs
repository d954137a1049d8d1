using Belfry.Contracts.Nodes;
using Belfry.Contracts.Serialization;
using Belfry.Core.Storage;
using Belfry.Server.Cluster;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Belfry.Server.Api.Nodes;

/// <summary>
/// <c>GET /v1/nodes</c>, a Belfry extension beside Cloud Scheduler's resources (issue 12, "nodes list"): the servers
/// sharing the store, from their heartbeats. Not paged: a cluster has a handful of nodes, and a silent one drops off
/// after a day. Behind the admin token like every <c>/v1</c> route.
/// </summary>
internal static class NodesEndpoints
{
    public static void MapNodesApi(this IEndpointRouteBuilder routes) => routes.MapGet("/v1/nodes", ListAsync);

    private static async Task<JsonHttpResult<ListNodesResponse>> ListAsync(
        INodeStore nodes, IOptions<ClusterOptions> options, CancellationToken cancellationToken) =>
        TypedResults.Json(await ReadAsync(nodes, options.Value, cancellationToken).ConfigureAwait(false), BelfryJsonContext.Default.ListNodesResponse);

    /// <summary>The nodes as the API answers them; the dashboard's nodes page reads them here too, so the two never disagree.</summary>
    public static async Task<ListNodesResponse> ReadAsync(INodeStore nodes, ClusterOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(options);
        var list = await nodes.ListNodesAsync(cancellationToken).ConfigureAwait(false);
        var goneAfter = options.HeartbeatInterval * ClusterOptions.MissedHeartbeatsGone;
        return new ListNodesResponse { Nodes = [.. list.Nodes.Select(n => ToResource(n, list.DatabaseTime, goneAfter))] };
    }

    /// <summary>GONE is judged by the database's clock, which stamped the heartbeat, never by this node's.</summary>
    private static NodeResource ToResource(NodeRecord node, DateTimeOffset databaseTime, TimeSpan goneAfter)
    {
        var heartbeat = node.Heartbeat;
        var silent = databaseTime - node.HeartbeatTime;
        var (state, reason) = silent > goneAfter
            ? ("GONE", $"no heartbeat for {DurationFormat.Format(TimeSpan.FromSeconds(Math.Floor(silent.TotalSeconds)))}")
            : heartbeat.Refusal is { } refusal ? ("REFUSING", refusal) : ("ACTIVE", null);
        return new NodeResource
        {
            Id = heartbeat.Id,
            Address = heartbeat.Address,
            Version = heartbeat.Version,
            StartTime = heartbeat.StartTime,
            HeartbeatTime = node.HeartbeatTime,
            ExecutionsInFlight = heartbeat.ExecutionsInFlight,
            ClockOffset = DurationFormat.Format(heartbeat.ClockOffset),
            State = state,
            Reason = reason,
        };
    }
}
