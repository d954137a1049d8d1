using System.Net;
using System.Net.NetworkInformation;

namespace Belfry.Server.Egress;

/// <summary>
/// Parsed listen endpoints (<see cref="ServerEndpoints"/>); a null address is a wildcard bind, which covers loopback,
/// the unspecified address and every interface's address at its port.
/// </summary>
internal sealed class ListenEndpoints(List<(IPAddress? Address, int Port)> endpoints, HashSet<IPAddress> local)
{
    public static ListenEndpoints From(IEnumerable<string> addresses)
    {
        var endpoints = new List<(IPAddress?, int)>();
        foreach (var text in addresses)
        {
            BindingAddress binding;
            try
            {
                binding = BindingAddress.Parse(text);
            }
            catch (FormatException)
            {
                continue;
            }

            if (binding.IsUnixPipe || binding.Port <= 0)
            {
                continue;
            }

            var host = binding.Host.Trim('[', ']');
            if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
            {
                endpoints.Add((IPAddress.Loopback, binding.Port));
                endpoints.Add((IPAddress.IPv6Loopback, binding.Port));
            }
            else if (IPAddress.TryParse(host, out var ip) && !IPAddress.Any.Equals(ip) && !IPAddress.IPv6Any.Equals(ip))
            {
                endpoints.Add((EgressEntry.Normalize(ip), binding.Port));
            }
            else
            {
                endpoints.Add((null, binding.Port));
            }
        }

        return new ListenEndpoints(endpoints, endpoints.Exists(e => e.Item1 is null) ? LocalAddresses() : []);
    }

    public bool Contains(IPAddress address, int port)
    {
        foreach (var (bound, boundPort) in endpoints)
        {
            if (boundPort != port)
            {
                continue;
            }

            // Connecting to 0.0.0.0 or :: reaches this host, so it reaches whatever the server bound.
            if (IsUnspecified(address) || (bound is null ? IPAddress.IsLoopback(address) || local.Contains(address) : bound.Equals(address)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsUnspecified(IPAddress address) => IPAddress.Any.Equals(address) || IPAddress.IPv6Any.Equals(address);

    private static HashSet<IPAddress> LocalAddresses()
    {
        var local = new HashSet<IPAddress>();
        try
        {
            foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
            {
                foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
                {
                    // Scope ids differ between a NIC's listing and a resolved address; compare without them.
                    local.Add(WithoutScope(unicast.Address));
                }
            }
        }
        catch (NetworkInformationException)
        {
            // Without the list, loopback and the unspecified address are still covered.
        }

        return local;
    }

    internal static IPAddress WithoutScope(IPAddress address) =>
        address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6 || address.ScopeId == 0 ? address : new IPAddress(address.GetAddressBytes());
}
