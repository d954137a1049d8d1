using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Belfry.Server.Hosting;

/// <summary>
/// The addresses the server will listen on, read from configuration before it binds (so a refusal binds nothing),
/// and whether they stay on loopback. Kestrel takes <c>Kestrel:Endpoints</c>, else <c>urls</c>
/// (<c>--urls</c>, <c>ASPNETCORE_URLS</c>; <c>belfry serve --host-port</c> sets it), else <c>http_ports</c> on every
/// interface, else <c>http://localhost:5000</c>; all of them are listed.
/// </summary>
internal static class ListenAddresses
{
    public const string KestrelDefault = "http://localhost:5000";

    /// <summary>
    /// The first address the server listens on: once it has bound, as bound (the real port for port 0); before, the
    /// first configured one.
    /// </summary>
    public static string First(IServer server, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(server);
        return server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? From(configuration)[0];
    }

    public static IReadOnlyList<string> From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var addresses = new List<string>();
        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            if (endpoint["Url"] is { Length: > 0 } url)
            {
                addresses.Add(url);
            }
        }

        addresses.AddRange(Split(configuration[WebHostDefaults.ServerUrlsKey]));
        if (addresses.Count == 0)
        {
            addresses.AddRange(Split(configuration[WebHostDefaults.HttpPortsKey]).Select(port => $"http://*:{port}"));
            addresses.AddRange(Split(configuration[WebHostDefaults.HttpsPortsKey]).Select(port => $"https://*:{port}"));
        }

        if (addresses.Count == 0)
        {
            addresses.Add(KestrelDefault);
        }

        return addresses;
    }

    /// <summary>
    /// True for <c>localhost</c>, 127.0.0.0/8, ::1 and Unix sockets. Wildcards (<c>0.0.0.0</c>, <c>[::]</c>,
    /// <c>*</c>, <c>+</c>), other host names (Kestrel binds those on every interface) and LAN addresses are not.
    /// </summary>
    public static bool IsLoopback(string address)
    {
        if (Parse(address) is not { } binding)
        {
            return false;
        }

        if (binding.IsUnixPipe)
        {
            return true;
        }

        var host = binding.Host;
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
    }

    /// <summary>Kestrel's reading of a listen address, or null when it is not one.</summary>
    public static BindingAddress? Parse(string address)
    {
        try
        {
            return BindingAddress.Parse(address);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string[] Split(string? value) =>
        value?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
}
