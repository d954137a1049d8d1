using System.Text;
using Belfry.Notifications.Delivery;

namespace Belfry.Notifications.Tests.Delivery;

public sealed class WebhookSignatureTests
{
    [Fact]
    public void Compute_KnownVector_HexOfHmacSha256()
    {
        // RFC 4231-style check value: HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog").
        var signature = WebhookSignature.Compute("key", Encoding.UTF8.GetBytes("The quick brown fox jumps over the lazy dog"));

        Assert.Equal("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8", signature);
    }

    [Theory]
    [InlineData("key", "body", true)]
    [InlineData("other", "body", false)]
    [InlineData("key", "tampered", false)]
    public void Verify_RecomputesOverTheRawBody(string secret, string body, bool valid)
    {
        var header = WebhookSignature.Compute("key", "body"u8);

        Assert.Equal(valid, WebhookSignature.Verify(secret, Encoding.UTF8.GetBytes(body), header));
    }

    [Fact]
    public void Verify_NoHeader_False() => Assert.False(WebhookSignature.Verify("key", "body"u8, null));
}
