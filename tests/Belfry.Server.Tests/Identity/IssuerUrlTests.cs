using Belfry.Core.Executions;
using Belfry.Server.Identity;

namespace Belfry.Server.Tests.Identity;

public sealed class IssuerUrlTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8085", "http://127.0.0.1:8085")]
    [InlineData("http://localhost:5000", "http://localhost:5000")]
    [InlineData("http://[::1]:8085", "http://[::1]:8085")]
    [InlineData("http://127.0.0.1:80", "http://127.0.0.1")]
    [InlineData("https://127.0.0.1:443", "https://127.0.0.1")]
    [InlineData("http://0.0.0.0:8085", "http://box-1:8085")]
    [InlineData("http://[::]:8085", "http://box-1:8085")]
    [InlineData("http://*:8085", "http://box-1:8085")]
    [InlineData("http://+:8085", "http://box-1:8085")]
    [InlineData("http://10.0.0.5:8085/", "http://10.0.0.5:8085")]
    public void FromListenAddress_Address_BaseUrl(string address, string issuer)
    {
        Assert.Equal(issuer, IssuerUrl.FromListenAddress(address, () => "box-1"));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("http://127.0.0.1:8085", true)]
    [InlineData("https://belfry.example/belfry", true)]
    [InlineData("https://belfry.example/", true)]
    [InlineData("belfry.example", false)]
    [InlineData("ftp://belfry.example", false)]
    [InlineData("https://belfry.example/?a=1", false)]
    [InlineData("https://belfry.example/#x", false)]
    [InlineData("https://user:pw@belfry.example", false)]
    public void IsValid_Configured_AcceptsAbsoluteHttpUrlsOnly(string? configured, bool valid)
    {
        Assert.Equal(valid, IssuerUrl.IsValid(configured));
    }

    [Theory]
    [InlineData(0, "scheduled")]
    [InlineData(1, "manual")]
    [InlineData(2, "catch_up")]
    public void TriggerName_Trigger_ClaimValue(int trigger, string claim)
    {
        Assert.Equal(claim, IdTokenMinter.TriggerName((ExecutionTrigger)trigger));
    }
}
