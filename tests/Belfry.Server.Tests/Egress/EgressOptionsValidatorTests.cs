using Belfry.Server.Egress;
using Belfry.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Belfry.Server.Tests.Egress;

public sealed class EgressOptionsValidatorTests
{
    [Theory]
    [InlineData("10.0.0.1/8", "is not a CIDR range")]
    [InlineData("10.0.0.0/33", "is not a CIDR range")]
    [InlineData("not a host", "is neither an IP address")]
    [InlineData("http://x.example/", "is not a CIDR range")]
    public void Validate_BadEntry_FailsNamingTheSettingAndEntry(string entry, string expected)
    {
        var result = new EgressOptionsValidator().Validate(null, Options("0.0.0.0/0", entry));

        Assert.True(result.Failed);
        Assert.Contains($"Belfry:Egress:Deny:1: \"{entry}\" {expected}", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.0.0.0/8")]
    [InlineData("10.1.2.3")]
    [InlineData("fd00:ec2::254")]
    [InlineData("[::1]")]
    [InlineData("metadata.google.internal")]
    [InlineData("*.internal")]
    public void Validate_GoodEntry_Succeeds(string entry)
    {
        Assert.True(new EgressOptionsValidator().Validate(null, Options(entry)).Succeeded);
    }

    [Fact]
    public async Task Build_BadEntryInConfiguration_RefusesStartup()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("belfry-egress-").FullName;
        var app = BelfryApplication.Build([$"--Belfry:DataDirectory={dataDirectory}", "--Belfry:Egress:Allow:0=10.0.0.1/8"]);
        await using (app)
        {
            var e = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IOptions<EgressOptions>>().Value);

            Assert.Contains("Belfry:Egress:Allow:0: \"10.0.0.1/8\" is not a CIDR range", e.Message, StringComparison.Ordinal);
        }

        Directory.Delete(dataDirectory, recursive: true);
    }

    private static EgressOptions Options(params string[] deny)
    {
        var options = new EgressOptions();
        foreach (var entry in deny)
        {
            options.Deny.Add(entry);
        }

        return options;
    }
}
