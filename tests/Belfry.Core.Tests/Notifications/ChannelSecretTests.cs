using Belfry.Core.Notifications;

namespace Belfry.Core.Tests.Notifications;

public sealed class ChannelSecretTests
{
    private const string Url = "https://discord.com/api/webhooks/1/token-value";

    [Theory]
    [InlineData("env:DISCORD_WEBHOOK_URL", 1, "DISCORD_WEBHOOK_URL", "env:DISCORD_WEBHOOK_URL")]
    [InlineData("file:/run/secrets/discord", 2, "/run/secrets/discord", "file:/run/secrets/discord")]
    [InlineData(Url, 0, Url, null)]
    public void TryParse_ReferencesAndStoredValues(string text, int source, string value, string? reference)
    {
        Assert.True(ChannelSecret.TryParse(text, out var secret, out _));
        Assert.Equal(((SecretSource)source, value, reference), (secret.Source, secret.Value, secret.Reference));
    }

    [Theory]
    [InlineData("env:")]
    [InlineData("env:1ABC")]
    [InlineData("env:MY-VAR")]
    [InlineData("file:")]
    [InlineData("file:  ")]
    [InlineData("")]
    public void TryParse_Malformed_Refused(string text) => Assert.False(ChannelSecret.TryParse(text, out _, out _));

    [Fact]
    public void ToString_StoredValue_Redacted()
    {
        var stored = new ChannelSecret(SecretSource.Stored, Url);

        Assert.Equal("(stored secret)", stored.ToString());
        Assert.DoesNotContain("token-value", stored.ToString(), StringComparison.Ordinal);
        Assert.Equal("env:X", new ChannelSecret(SecretSource.Environment, "X").ToString());
    }

    [Fact]
    public void Channel_ToString_NeverShowsAStoredUrl()
    {
        var channel = new Channel { Name = new ChannelName("p", "l", "ops"), Kind = ChannelKind.Discord, WebhookUrl = new ChannelSecret(SecretSource.Stored, Url) };

        Assert.DoesNotContain("token-value", channel.ToString(), StringComparison.Ordinal);
    }
}
