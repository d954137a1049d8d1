using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Belfry.AspNetCore.Tests.Options;

/// <summary>Options are validated when the host starts, listing every problem; defaults are what the docs say.</summary>
public sealed class BelfryBatchOptionsTests
{
    [Fact]
    public async Task Start_NothingConfigured_FailsListingEveryProblem()
    {
        var exception = await StartAsync(_ => { });

        Assert.Contains(exception.Failures, failure => failure.StartsWith("Issuer must be", StringComparison.Ordinal));
        Assert.Contains(exception.Failures, failure => failure.StartsWith("Audience is required", StringComparison.Ordinal));
        Assert.Contains(exception.Failures, failure => failure.StartsWith("No execution ledger", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://belfry.internal:8085", null, "RequireHttpsMetadata = false")]
    [InlineData("ftp://127.0.0.1", null, "Issuer must be")]
    [InlineData("http://127.0.0.1:8085", "Mars/Olympus_Mons", "DefaultTimeZone")]
    public async Task Start_InvalidSetting_Fails(string issuer, string? zone, string expected)
    {
        var exception = await StartAsync(options =>
        {
            Valid(options);
            options.Issuer = issuer;
            options.DefaultTimeZone = zone ?? options.DefaultTimeZone;
        });

        Assert.Contains(exception.Failures, failure => failure.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_LeaseTooShort_Fails()
    {
        var exception = await StartAsync(options =>
        {
            Valid(options);
            options.LeaseDuration = TimeSpan.FromSeconds(1);
        });

        Assert.Contains(exception.Failures, failure => failure.StartsWith("LeaseDuration", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_PlainHttpIssuerExplicitlyAllowed_Starts()
    {
        await using var app = Build(options =>
        {
            Valid(options);
            options.Issuer = "http://belfry.internal:8085";
            options.RequireHttpsMetadata = false;
        });

        await app.StartAsync(TestContext.Current.CancellationToken);
        await app.StopAsync(TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8085", false)]
    [InlineData("http://127.3.4.5:8085", false)]
    [InlineData("http://localhost:8085", false)]
    [InlineData("http://[::1]:8085", false)]
    [InlineData("https://belfry.example", true)]
    [InlineData("http://10.0.0.5:8085", true)]
    public void RequireHttpsMetadata_DefaultsToFalseOnlyForLoopbackHttp(string issuer, bool expected) =>
        Assert.Equal(expected, new BelfryBatchOptions { Issuer = issuer }.EffectiveRequireHttpsMetadata);

    [Fact]
    public void Defaults_AreTheDocumentedOnes()
    {
        var options = new BelfryBatchOptions();

        Assert.Equal(RunKeyGranularity.Day, options.RunKeyGranularity);
        Assert.Equal(TimeSpan.FromSeconds(60), options.LeaseDuration);
        Assert.Equal("Etc/UTC", options.DefaultTimeZone);
        Assert.Equal(TimeSpan.FromSeconds(30), options.TokenClockSkew);
        Assert.Null(options.RequireHttpsMetadata);
        Assert.Null(options.RequireBelfryClaims);
        Assert.False(options.AllowManualCalls);
        Assert.Empty(options.AllowedCallers);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8085", true)]
    [InlineData("https://belfry.example", true)]
    [InlineData("https://accounts.google.com", false)]
    public void RequireBelfryClaims_DefaultsToTrueUnlessTheIssuerIsGoogle(string issuer, bool expected) =>
        Assert.Equal(expected, new BelfryBatchOptions { Issuer = issuer }.EffectiveRequireBelfryClaims);

    [Fact]
    public async Task Start_GoogleIssuerWithoutAllowedCallers_Fails()
    {
        var exception = await StartAsync(options =>
        {
            Valid(options);
            options.Issuer = "https://accounts.google.com";
        });

        Assert.Contains(exception.Failures, failure => failure.StartsWith("AllowedCallers is required with Google", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_BlankAllowedCaller_Fails()
    {
        var exception = await StartAsync(options =>
        {
            Valid(options);
            options.AllowedCallers.Add(" ");
        });

        Assert.Contains(exception.Failures, failure => failure.StartsWith("AllowedCallers must not contain blank", StringComparison.Ordinal));
    }

    private static void Valid(BelfryBatchOptions options)
    {
        options.Issuer = "http://127.0.0.1:8085";
        options.Audience = "http://127.0.0.1:9000";
        options.UsePostgresLedger("Host=/nonexistent;Username=postgres");
    }

    private static WebApplication Build(Action<BelfryBatchOptions> configure)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddBelfryBatch(configure);
        return builder.Build();
    }

    private static async Task<OptionsValidationException> StartAsync(Action<BelfryBatchOptions> configure)
    {
        await using var app = Build(configure);
        return await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(TestContext.Current.CancellationToken));
    }
}
