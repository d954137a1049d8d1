using Belfry.Cli.Tests.Infrastructure;

namespace Belfry.Cli.Tests.Serving;

public sealed class ServeCommandTests
{
    [Fact]
    public async Task Serve_NoFlags_UsesDefaultDataDirAndLoopbackPort()
    {
        (string DataDir, string HostPort)? seen = null;

        var run = await CliHarness.RunAsync(["serve"], runServer: (dir, hostPort, _) =>
        {
            seen = (dir, hostPort);
            return Task.FromResult(0);
        });

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(("./.belfry", "127.0.0.1:8085"), seen);
    }

    [Fact]
    public async Task Serve_Flags_ArePassedToTheServer()
    {
        (string DataDir, string HostPort)? seen = null;

        var run = await CliHarness.RunAsync(["serve", "--data-dir", "/tmp/b", "--host-port=0.0.0.0:9000"], runServer: (dir, hostPort, _) =>
        {
            seen = (dir, hostPort);
            return Task.FromResult(3);
        });

        Assert.Equal(3, run.ExitCode);
        Assert.Equal(("/tmp/b", "0.0.0.0:9000"), seen);
    }
}
