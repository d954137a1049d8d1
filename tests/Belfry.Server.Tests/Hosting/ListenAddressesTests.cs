using Belfry.Server.Hosting;
using Microsoft.Extensions.Configuration;

namespace Belfry.Server.Tests.Hosting;

public sealed class ListenAddressesTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8085", true)]
    [InlineData("http://127.255.0.1:8085", true)]
    [InlineData("http://localhost:8085", true)]
    [InlineData("http://[::1]:8085", true)]
    [InlineData("http://unix:/run/belfry.sock", true)]
    [InlineData("http://0.0.0.0:8085", false)]
    [InlineData("http://[::]:8085", false)]
    [InlineData("http://*:8085", false)]
    [InlineData("http://+:8085", false)]
    [InlineData("http://10.0.0.5:8085", false)]
    [InlineData("http://myhost:8085", false)]
    [InlineData("not a url", false)]
    public void IsLoopback_Address_Classified(string address, bool loopback)
    {
        Assert.Equal(loopback, ListenAddresses.IsLoopback(address));
    }

    [Fact]
    public void From_Urls_SplitOnSemicolons()
    {
        Assert.Equal(["http://127.0.0.1:1", "http://0.0.0.0:2"], ListenAddresses.From(Config(("urls", "http://127.0.0.1:1; http://0.0.0.0:2"))));
    }

    [Fact]
    public void From_HttpPortsOnly_ListensOnEveryInterface()
    {
        Assert.Equal(["http://*:8080"], ListenAddresses.From(Config(("http_ports", "8080"))));
    }

    [Fact]
    public void From_KestrelEndpoints_AreIncluded()
    {
        var addresses = ListenAddresses.From(Config(("urls", "http://127.0.0.1:1"), ("Kestrel:Endpoints:Public:Url", "http://0.0.0.0:80")));

        Assert.Equal(["http://0.0.0.0:80", "http://127.0.0.1:1"], addresses);
    }

    [Fact]
    public void From_Nothing_IsKestrelsLocalhostDefault()
    {
        Assert.Equal(["http://localhost:5000"], ListenAddresses.From(Config()));
    }

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create<string, string?>(v.Key, v.Value))).Build();
}
