using System.Security.Cryptography;
using System.Text;

namespace Belfry.Notifications.Delivery;

/// <summary>
/// The generic webhook's signature header, as GitHub's <c>X-Hub-Signature-256</c>:
/// <c>X-Belfry-Signature-256: sha256=&lt;lowercase hex of HMAC-SHA256(secret, raw body)&gt;</c>. The body carries
/// the event's <c>id</c> and <c>time</c>, so both are covered by the signature.
/// </summary>
internal static class WebhookSignature
{
    public const string HeaderName = "X-Belfry-Signature-256";

    public static string Compute(string secret, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);
        return "sha256=" + Convert.ToHexStringLower(mac);
    }

    /// <summary>What a receiver does: recompute and compare in constant time.</summary>
    public static bool Verify(string secret, ReadOnlySpan<byte> body, string? header)
    {
        if (header is null)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(secret, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(header));
    }
}
