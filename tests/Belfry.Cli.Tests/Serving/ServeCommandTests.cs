using Belfry.Cli.Tests.Infrastructure;
using Belfry.Server.Hosting;

namespace Belfry.Cli.Tests.Serving;

public sealed class ServeCommandTests
{
    [Fact]
    public async Task Serve_NoFlags_UsesDefaultDataDirAndLoopbackPort()
    {
        ServeSettings? seen = null;

        var run = await CliHarness.RunAsync(["serve"], runServer: (settings, _) =>
        {
            seen = settings;
            return Task.FromResult(0);
        });

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(new ServeSettings("./.belfry", "127.0.0.1:8085") { LogFormat = "text" }, seen);
    }

    [Fact]
    public async Task Serve_Flags_ArePassedToTheServer()
    {
        ServeSettings? seen = null;

        var run = await CliHarness.RunAsync(
            ["serve", "--data-dir", "/tmp/b", "--host-port=0.0.0.0:9000", "--issuer", "https://belfry.example", "--admin-token-file=/etc/belfry/token",
                "--allowed-hosts", "belfry.lan,*.corp.example", "--allowed-origins=https://console.example", "--trust-proxy", "--secrets-dir=/etc/belfry/secrets",
                "--log-format=json", "--execution-retention=90d"],
            runServer: (settings, _) =>
            {
                seen = settings;
                return Task.FromResult(3);
            });

        Assert.Equal(3, run.ExitCode);
        Assert.Equal(
            new ServeSettings("/tmp/b", "0.0.0.0:9000")
            {
                Issuer = "https://belfry.example",
                AdminTokenFile = "/etc/belfry/token",
                AllowedHosts = "belfry.lan,*.corp.example",
                AllowedOrigins = "https://console.example",
                TrustProxy = true,
                SecretsDirectory = "/etc/belfry/secrets",
                LogFormat = "json",
                ExecutionRetention = TimeSpan.FromDays(90),
            },
            seen);
    }

    [Fact]
    public void ServeSettings_ToArgs_AreTheServersConfigurationKeys()
    {
        var settings = new ServeSettings("/data", "127.0.0.1:0")
        {
            Issuer = "https://belfry.example", AdminTokenFile = "/run/token", SecretsDirectory = "/run/secrets", LogFormat = "json", ExecutionRetention = TimeSpan.FromDays(90),
        };

        Assert.Equal(
            ["--Belfry:DataDirectory=/data", "--urls=http://127.0.0.1:0", "--Belfry:Issuer=https://belfry.example", "--Belfry:AdminTokenFile=/run/token",
             "--Belfry:Secrets:Directory=/run/secrets", "--Belfry:Logging:Format=json", "--Belfry:Retention:ExecutionAge=90.00:00:00"],
            settings.ToArgs());
        Assert.Equal(["--Belfry:DataDirectory=/data", "--urls=http://127.0.0.1:0"], new ServeSettings("/data", "127.0.0.1:0").ToArgs());
        Assert.Equal(
            ["--Belfry:DataDirectory=/data", "--urls=http://127.0.0.1:0", "--Belfry:AllowedHosts:0=a.lan", "--Belfry:AllowedHosts:1=*.b.example",
                "--Belfry:AllowedOrigins:0=https://c.example", "--Belfry:TrustProxy=true"],
            new ServeSettings("/data", "127.0.0.1:0") { AllowedHosts = "a.lan, *.b.example", AllowedOrigins = "https://c.example", TrustProxy = true }.ToArgs());
    }

    [Fact]
    public async Task Serve_LogFormatNotTextOrJson_RefusedBeforeTheServerRuns()
    {
        var ran = false;

        var run = await CliHarness.RunAsync(["serve", "--log-format=xml"], runServer: (_, _) =>
        {
            ran = true;
            return Task.FromResult(0);
        });

        Assert.NotEqual(0, run.ExitCode);
        Assert.False(ran);
        Assert.Contains("xml", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServeHelp_LogFormat_SaysWhatJsonLinesHold()
    {
        var run = await CliHarness.RunAsync(["serve", "--help"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--log-format <text|json>", run.Out, StringComparison.Ordinal);
        Assert.Contains("severity", run.Out, StringComparison.Ordinal);
    }
}
