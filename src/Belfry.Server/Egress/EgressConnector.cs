using System.Net;
using System.Net.Sockets;
using Belfry.Notifications.Delivery;

namespace Belfry.Server.Egress;

/// <summary>
/// The <see cref="SocketsHttpHandler.ConnectCallback"/> of the delivery and notification clients: resolves the host,
/// drops every address <see cref="EgressPolicy"/> refuses, and connects to the first allowed one that answers. The check
/// is on the address actually connected to, so neither DNS rebinding nor a redirect gets around it; when every
/// address is refused the request fails with <see cref="EgressDeniedException"/> and the policy's reason.
/// </summary>
internal sealed class EgressConnector(EgressPolicy policy)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var host = context.DnsEndPoint.Host;
        var port = context.DnsEndPoint.Port;

        // A literal address needs no lookup (and an IPv6 literal may arrive in brackets).
        var addresses = IPAddress.TryParse(host.AsSpan().Trim("[]"), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);

        var refusal = EgressVerdict.Allowed;
        SocketException? failure = null;
        foreach (var address in addresses)
        {
            var verdict = policy.Check(host, address, port);
            if (verdict != EgressVerdict.Allowed)
            {
                if (refusal == EgressVerdict.Allowed)
                {
                    refusal = verdict;
                }

                continue;
            }

            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(address, port, cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                // Another address of the same name may answer, as the default callback does.
                socket.Dispose();
                failure = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        // An allowed address that did not answer says more than a refused one; with none tried, the refusal.
        if (failure is not null)
        {
            throw failure;
        }

        throw refusal == EgressVerdict.Allowed
            ? new SocketException((int)SocketError.HostNotFound)
            : new EgressDeniedException(EgressPolicy.Reason(refusal));
    }
}
