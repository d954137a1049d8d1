using Belfry.Server.Hosting;
using Microsoft.Extensions.Configuration;

namespace Belfry.Server.Tests.Hosting;

public sealed class AdminAccessOptionsTests
{
    [Fact]
    public void AddEnvironmentFallback_VariableSet_BecomesAdminToken()
    {
        var builder = new ConfigurationBuilder();
        EnvironmentFallbacks.Add(builder, name => name == "BELFRY_ADMIN_TOKEN" ? "from-env" : null);

        Assert.Equal("from-env", builder.Build()["Belfry:AdminToken"]);
    }

    [Fact]
    public void AddEnvironmentFallback_ExplicitSetting_Wins()
    {
        var builder = new ConfigurationBuilder().AddInMemoryCollection([KeyValuePair.Create<string, string?>("Belfry:AdminToken", "explicit")]);
        EnvironmentFallbacks.Add(builder, _ => "from-env");

        Assert.Equal("explicit", builder.Build()["Belfry:AdminToken"]);
    }

    [Fact]
    public void AddEnvironmentFallback_VariableUnset_AddsNothing()
    {
        var builder = new ConfigurationBuilder();
        EnvironmentFallbacks.Add(builder, _ => null);

        Assert.Empty(builder.Sources);
    }
}
