using System.Security.Cryptography;
using Belfry.Server.Hosting;

namespace Belfry.Server.Cluster;

/// <summary>
/// This node among the others sharing one store: <c>Belfry:Cluster:NodeId</c> when set, otherwise the host name and a
/// short random suffix drawn at start, so two processes on one host (or a restarted one) never share an id.
/// </summary>
internal sealed class NodeIdentity
{
    public NodeIdentity(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Id = configuration[$"{ServerOptions.SectionName}:Cluster:NodeId"] is { Length: > 0 } configured
            ? configured.Trim()
            : $"{Environment.MachineName.ToLowerInvariant()}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
    }

    public string Id { get; }
}
