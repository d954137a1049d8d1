using Belfry.Server.Hosting;

namespace Belfry.Server.Tests.Hosting;

public sealed class AdminTokenTests
{
    [Theory]
    [InlineData("http://0.0.0.0:8085")]
    [InlineData("http://[::]:8085")]
    [InlineData("http://*:8085")]
    [InlineData("http://+:8085")]
    [InlineData("http://192.168.1.20:8085")]
    [InlineData("http://belfry.example:8085")]
    public void Resolve_NonLoopbackWithoutToken_RefusesNamingTheAddress(string address)
    {
        var e = Assert.Throws<StartupRefusedException>(() => AdminToken.Resolve(new AdminAccessOptions(), [address]));

        Assert.Contains(address, e.Message, StringComparison.Ordinal);
        Assert.Contains("BELFRY_ADMIN_TOKEN", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8085")]
    [InlineData("http://127.4.5.6:1")]
    [InlineData("http://localhost:5000")]
    [InlineData("http://LocalHost:5000")]
    [InlineData("http://[::1]:8085")]
    [InlineData("https://127.0.0.1:0")]
    public void Resolve_LoopbackWithoutToken_RunsOpen(string address)
    {
        var token = AdminToken.Resolve(new AdminAccessOptions { AdminToken = " " }, [address]);

        Assert.False(token.IsRequired);
        Assert.False(token.Matches(""));
    }

    [Fact]
    public void Resolve_OneOfSeveralAddressesBeyondLoopback_Refuses()
    {
        Assert.Throws<StartupRefusedException>(() => AdminToken.Resolve(new AdminAccessOptions(), ["http://127.0.0.1:1", "http://0.0.0.0:2"]));
    }

    [Fact]
    public void Resolve_NonLoopbackWithToken_RequiresExactlyThatToken()
    {
        var token = AdminToken.Resolve(new AdminAccessOptions { AdminToken = "  tok-123\n" }, ["http://0.0.0.0:8085"]);

        Assert.True(token.IsRequired);
        Assert.True(token.Matches("tok-123"));
        Assert.False(token.Matches("tok-12"));
        Assert.False(token.Matches("tok-1234"));
        Assert.False(token.Matches(null));
        Assert.False(token.Matches(""));
    }

    [Fact]
    public void Resolve_TokenFile_ReadsAndTrimsIt()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, "  from-file \n");
        try
        {
            var token = AdminToken.Resolve(new AdminAccessOptions { AdminTokenFile = file }, ["http://0.0.0.0:8085"]);

            Assert.True(token.Matches("from-file"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Resolve_EmptyTokenFile_Refuses()
    {
        var file = Path.GetTempFileName();
        try
        {
            var e = Assert.Throws<StartupRefusedException>(() => AdminToken.Resolve(new AdminAccessOptions { AdminTokenFile = file }, ["http://127.0.0.1:1"]));
            Assert.Contains("empty", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Resolve_MissingTokenFile_Refuses()
    {
        var missing = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"));

        var e = Assert.Throws<StartupRefusedException>(() => AdminToken.Resolve(new AdminAccessOptions { AdminTokenFile = missing }, ["http://127.0.0.1:1"]));

        Assert.Contains(missing, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_TokenAndTokenFile_RefusesWithoutEchoingTheToken()
    {
        var e = Assert.Throws<StartupRefusedException>(() =>
            AdminToken.Resolve(new AdminAccessOptions { AdminToken = "tok-secret", AdminTokenFile = "/etc/belfry/token" }, ["http://127.0.0.1:1"]));

        Assert.DoesNotContain("tok-secret", e.Message, StringComparison.Ordinal);
    }
}
