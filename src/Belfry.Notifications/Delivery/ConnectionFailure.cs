using System.Net.Sockets;
using System.Security.Authentication;

namespace Belfry.Notifications.Delivery;

/// <summary>
/// The stored reason for a request that got no answer, for job attempts and notifications alike. Only a category:
/// the OS's socket texts, error codes and exception messages (which name the host and port) stay out, so stored
/// errors and a channel's <c>:test</c> cannot serve as a port scanner that reads more than
/// "connection refused", "timed out" or "name not resolved" (issue 10, docs/security.md "Egress").
/// </summary>
internal static class ConnectionFailure
{
    public const string Refused = "connection refused";
    public const string TimedOut = "timed out";
    public const string NameNotResolved = "name not resolved";
    public const string Failed = "connection failed";
    public const string Tls = "TLS error";

    public static string Describe(HttpRequestException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case EgressDeniedException denied:
                    return denied.Message;
                case SocketException socket:
                    return Describe(socket.SocketErrorCode);
                case AuthenticationException:
                    return Tls;
            }
        }

        return exception.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => NameNotResolved,
            HttpRequestError.SecureConnectionError => Tls,
            HttpRequestError.ConnectionError => Failed,
            HttpRequestError.ResponseEnded => "the connection closed before an answer",
            HttpRequestError.InvalidResponse => "invalid HTTP answer",
            HttpRequestError.ConfigurationLimitExceeded => "the answer's headers were too large",
            _ => "request failed",
        };
    }

    /// <summary>True when the egress policy refused the connection (a setting, not the receiver, decided).</summary>
    public static bool IsEgressDenied(HttpRequestException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is EgressDeniedException)
            {
                return true;
            }
        }

        return false;
    }

    private static string Describe(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => Refused,
        SocketError.TimedOut => TimedOut,
        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => NameNotResolved,
        _ => Failed,
    };
}
