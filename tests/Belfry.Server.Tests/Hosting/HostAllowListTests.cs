using Belfry.Server.Hosting;

namespace Belfry.Server.Tests.Hosting;

public sealed class HostAllowListTests
{
    [Theory]
    [InlineData("localhost", true)]
    [InlineData("LOCALHOST", true)]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.9.9.9", true)]
    [InlineData("[::1]", true)]
    [InlineData("belfry.example", false)]
    [InlineData("localhost.evil.example", false)]
    [InlineData("192.168.1.20", false)]
    [InlineData("0.0.0.0", false)]
    public void Allows_LoopbackListener(string host, bool expected)
    {
        var hosts = new HostAllowList([], ["http://127.0.0.1:8085"], [null]);

        Assert.Equal(expected, hosts.Allows(host));
    }

    [Theory]
    [InlineData("192.168.1.20", true)]
    [InlineData("[fe80::1]", true)]
    [InlineData("myhost", false)]
    [InlineData("sched.example.com", true)]
    public void Allows_WildcardListenerWithIssuer_AnyAddressButOnlyKnownNames(string host, bool expected)
    {
        var hosts = new HostAllowList([], ["http://0.0.0.0:8085"], ["https://sched.example.com"]);

        Assert.Equal(expected, hosts.Allows(host));
    }

    [Theory]
    [InlineData("http://192.168.1.20:8085", "192.168.1.20", true)]
    [InlineData("http://192.168.1.20:8085", "192.168.1.21", false)]
    [InlineData("http://belfry.lan:8085", "belfry.lan", true)]
    [InlineData("http://[::1]:8085", "[::1]", true)]
    public void Allows_ListenAddress(string listen, string host, bool expected)
    {
        var hosts = new HostAllowList([], [listen], []);

        Assert.Equal(expected, hosts.Allows(host));
    }

    [Fact]
    public void Allows_StarConfigured_Anything()
    {
        Assert.True(new HostAllowList(["*"], ["http://127.0.0.1:1"], []).Allows("anything.example"));
    }
}
