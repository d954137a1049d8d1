using Belfry.Server.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Belfry.Server.Tests.Dispatch;

/// <summary><c>Belfry:Dispatch</c> settings are checked when the server starts (STYLE, "Options … validated at start-up").</summary>
public sealed class DispatchOptionsTests
{
    [Fact]
    public async Task Start_NegativeLookahead_Refused()
    {
        await using var server = new BelfryServerFactory();
        server.Settings["Belfry:Dispatch:Lookahead"] = "-00:00:01";

        var ex = Assert.Throws<OptionsValidationException>(() => server.CreateClient().Dispose());

        Assert.Contains("Lookahead", ex.Message, StringComparison.Ordinal);
    }
}
