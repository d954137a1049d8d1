using System.Reflection;
using System.Security.Cryptography;
using Belfry.Server.Hosting;
using Microsoft.AspNetCore.Hosting.Server;

namespace Belfry.Server.Cluster;

/// <summary>
/// This node among the others sharing one store: <c>Belfry:Cluster:NodeId</c> when set, otherwise the host name and a
/// short random suffix drawn at start, so two processes on one host (or a restarted one) never share an id; the first
/// address it listens on; the server's informational version; and when it started, by its own clock.
/// </summary>
internal sealed class NodeIdentity
{
    private readonly IServer _server;
    private readonly IConfiguration _configuration;

    public NodeIdentity(IConfiguration configuration, IServer server, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(time);
        _server = server;
        _configuration = configuration;
        Id = configuration[$"{ClusterOptions.SectionName}:{nameof(ClusterOptions.NodeId)}"] is { Length: > 0 } configured && !string.IsNullOrWhiteSpace(configured)
            ? configured.Trim()
            : $"{Environment.MachineName.ToLowerInvariant()}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
        StartTime = time.GetUtcNow();
    }

    public string Id { get; }

    /// <summary>The first listen URL: as bound once the server has started (the real port for port 0), before that as configured.</summary>
    public string Address => ListenAddresses.First(_server, _configuration);

    public static string Version { get; } =
        typeof(NodeIdentity).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public DateTimeOffset StartTime { get; }
}
