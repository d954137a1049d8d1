using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Belfry.Server.Egress;

/// <summary>
/// The address:port pairs the server listens on, so the egress policy can keep jobs off Belfry's own admin API.
/// Ports are known only once Kestrel has bound (port 0 picks one), so the list is read from
/// <see cref="IServerAddressesFeature"/> when the application has started and kept; before that it is read per call.
/// A wildcard bind (<c>0.0.0.0:8085</c>, <c>[::]:8085</c>, <c>*:8085</c>, a host name) covers every local address at
/// that port: loopback, the unspecified address (which reaches this host) and every interface's address.
/// </summary>
internal sealed class ServerEndpoints
{
    private readonly IServer _server;
    private volatile ListenEndpoints? _started;

    public ServerEndpoints(IServer server, IHostApplicationLifetime lifetime)
    {
        ArgumentNullException.ThrowIfNull(lifetime);
        _server = server;

        // Runs at once when the application has already started.
        lifetime.ApplicationStarted.Register(() => _started = Read());
    }

    /// <summary>The endpoints as bound; before start-up, as configured (a port 0 there matches nothing).</summary>
    public ListenEndpoints Current() => _started ?? Read();

    private ListenEndpoints Read() =>
        ListenEndpoints.From(_server.Features.Get<IServerAddressesFeature>()?.Addresses ?? (ICollection<string>)[]);
}
