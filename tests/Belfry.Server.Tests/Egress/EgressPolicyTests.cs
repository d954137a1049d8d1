using System.Net;
using Belfry.Server.Egress;

namespace Belfry.Server.Tests.Egress;

/// <summary>The policy's decisions, address by address: defaults, lists and their order (docs/security.md, "Egress").</summary>
public sealed class EgressPolicyTests
{
    private static EgressPolicy Policy(string[]? allow = null, string[]? deny = null, string[]? listen = null)
    {
        var options = new EgressOptions();
        foreach (var entry in allow ?? [])
        {
            options.Allow.Add(entry);
        }

        foreach (var entry in deny ?? [])
        {
            options.Deny.Add(entry);
        }

        var own = ListenEndpoints.From(listen ?? []);
        return new EgressPolicy(options, () => own);
    }

    [Theory]
    [InlineData("169.254.169.254")]
    [InlineData("169.254.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("fd00:ec2::254")]
    [InlineData("fe80::1")]
    public void Check_Defaults_DenyLinkLocalAndMetadata(string address)
    {
        Assert.Equal(EgressVerdict.LinkLocalOrMetadata, Policy().Check("target", IPAddress.Parse(address), 80));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("10.1.2.3")]
    [InlineData("192.168.1.20")]
    [InlineData("172.16.0.9")]
    [InlineData("fd12::1")]
    [InlineData("93.184.215.14")]
    public void Check_Defaults_AllowLoopbackPrivateAndPublic(string address)
    {
        Assert.Equal(EgressVerdict.Allowed, Policy().Check("target", IPAddress.Parse(address), 80));
    }

    [Fact]
    public void Check_AllowListSet_RefusesWhatItDoesNotName()
    {
        var policy = Policy(allow: ["10.0.0.0/8", "*.svc.example"]);

        Assert.Equal(EgressVerdict.Allowed, policy.Check("a", IPAddress.Parse("10.9.9.9"), 80));
        Assert.Equal(EgressVerdict.Allowed, policy.Check("sync.svc.example", IPAddress.Parse("192.168.1.1"), 80));
        Assert.Equal(EgressVerdict.NotAllowed, policy.Check("svc.example", IPAddress.Parse("192.168.1.1"), 80));
        Assert.Equal(EgressVerdict.NotAllowed, policy.Check("other.example", IPAddress.Parse("192.168.1.1"), 80));
    }

    [Fact]
    public void Check_AllowedRangeInsideDefaultDenial_LiftsIt()
    {
        var policy = Policy(allow: ["169.254.10.0/24"]);

        Assert.Equal(EgressVerdict.Allowed, policy.Check("appliance", IPAddress.Parse("169.254.10.7"), 80));
        Assert.Equal(EgressVerdict.LinkLocalOrMetadata, policy.Check("metadata", IPAddress.Parse("169.254.169.254"), 80));
    }

    [Fact]
    public void Check_DenyAndAllowBothMatch_DenyWins()
    {
        var policy = Policy(allow: ["10.0.0.0/8"], deny: ["10.0.0.5", "metadata.internal"]);

        Assert.Equal(EgressVerdict.Denied, policy.Check("a", IPAddress.Parse("10.0.0.5"), 80));
        Assert.Equal(EgressVerdict.Denied, policy.Check("METADATA.internal.", IPAddress.Parse("10.0.0.6"), 80));
        Assert.Equal(EgressVerdict.Allowed, policy.Check("a", IPAddress.Parse("10.0.0.6"), 80));
    }

    [Fact]
    public void Check_OwnEndpoint_RefusedOnlyAtItsAddressAndPort()
    {
        var policy = Policy(listen: ["http://127.0.0.1:8085"]);

        Assert.Equal(EgressVerdict.OwnEndpoint, policy.Check("localhost", IPAddress.Loopback, 8085));
        Assert.Equal(EgressVerdict.OwnEndpoint, policy.Check("0.0.0.0", IPAddress.Any, 8085));
        Assert.Equal(EgressVerdict.Allowed, policy.Check("localhost", IPAddress.Loopback, 8086));
        Assert.Equal(EgressVerdict.Allowed, policy.Check("other", IPAddress.Parse("127.0.0.2"), 8085));
    }

    [Theory]
    [InlineData("http://0.0.0.0:8085")]
    [InlineData("http://[::]:8085")]
    [InlineData("http://*:8085")]
    [InlineData("http://+:8085")]
    public void Check_WildcardBind_RefusesEveryLocalAddressAtThatPort(string listen)
    {
        var policy = Policy(listen: [listen]);

        Assert.Equal(EgressVerdict.OwnEndpoint, policy.Check("a", IPAddress.Parse("127.0.0.2"), 8085));
        Assert.Equal(EgressVerdict.OwnEndpoint, policy.Check("a", IPAddress.IPv6Loopback, 8085));
        Assert.Equal(EgressVerdict.Allowed, policy.Check("a", IPAddress.Parse("127.0.0.2"), 9090));
        Assert.Equal(EgressVerdict.Allowed, policy.Check("a", IPAddress.Parse("192.0.2.10"), 8085));
    }

    [Fact]
    public void Check_LocalhostBind_RefusesBothLoopbacks()
    {
        var policy = Policy(listen: ["http://localhost:5000"]);

        Assert.Equal(EgressVerdict.OwnEndpoint, policy.Check("localhost", IPAddress.Loopback, 5000));
        Assert.Equal(EgressVerdict.OwnEndpoint, policy.Check("localhost", IPAddress.IPv6Loopback, 5000));
    }
}
