using Belfry.Cli.Tests.Infrastructure;

namespace Belfry.Cli.Tests.Channels;

/// <summary>
/// Against the real server: a webhook URL given inline and an HMAC secret given by file are used for sending, yet
/// never printed by any command (tables, JSON, YAML, errors) nor logged by the server.
/// </summary>
public sealed class ChannelSecretsTests
{
    private const string Token = "CLI-TOKEN-8d7c6b5a";
    private const string Hmac = "CLI-HMAC-1f2e3d4c";

    [Fact]
    public async Task EveryCommand_NeverPrintsOrLogsTheSecrets()
    {
        await using var server = await LiveServer.StartAsync();
        await using var receiver = await RecordingServer.StartAsync();
        var secretFile = Path.Combine(server.SecretsDirectory, "hmac");
        await File.WriteAllTextAsync(secretFile, Hmac + "\n", TestContext.Current.CancellationToken);
        var url = $"{receiver.Endpoint}/api/webhooks/42/{Token}";
        var variables = new Dictionary<string, string> { ["BELFRY_ENDPOINT"] = server.Endpoint, ["BELFRY_LOCATION"] = "asia-northeast1" };
        var runs = new List<CliRun>();
        async Task<CliRun> Belfry(params string[] args)
        {
            var run = await CliHarness.RunAsync(args, variables);
            runs.Add(run);
            return run;
        }

        try
        {
            Assert.Equal(0, (await Belfry("channels", "create", "discord", "ops", $"--webhook-url={url}")).ExitCode);
            Assert.Equal(0, (await Belfry("channels", "create", "webhook", "hook", $"--webhook-url={url}", $"--secret-file={secretFile}")).ExitCode);
            Assert.Equal(1, (await Belfry("channels", "create", "discord", "bad", $"--webhook-url=ftp://hooks.test/{Token}")).ExitCode);
            foreach (var format in new[] { "table", "json", "yaml" })
            {
                await Belfry("channels", "list", $"--format={format}");
                await Belfry("channels", "describe", "ops", $"--format={format}");
                await Belfry("channels", "describe", "hook", $"--format={format}");
            }

            Assert.Equal(0, (await Belfry("channels", "test", "ops")).ExitCode);
            Assert.Equal(0, (await Belfry("channels", "test", "hook", "--format=json")).ExitCode);
            Assert.Equal(0, (await Belfry("scheduler", "jobs", "create", "http", "sync", "--schedule=0 6 * * *", "--uri=http://127.0.0.1:9/sync",
                "--notify-on-failure=ops,hook", "--missed-run-deadline=30m")).ExitCode);
            await Belfry("scheduler", "jobs", "describe", "sync");
            await Belfry("alert-policies", "create", "failures", "--channel=ops");
            Assert.Equal(0, (await Belfry("channels", "delete", "ops", "--quiet")).ExitCode);
        }
        finally
        {
            File.Delete(secretFile);
        }

        Assert.Equal([$"/api/webhooks/42/{Token}", $"/api/webhooks/42/{Token}"], receiver.Requests.Select(r => r.Path));
        Assert.Contains("webhookUrlSet: true", string.Concat(runs.Select(r => r.Out)));
        Assert.Contains(runs, r => r.Out.Contains("file:" + secretFile, StringComparison.Ordinal));
        foreach (var secret in new[] { Token, Hmac })
        {
            Assert.All(runs, run => Assert.DoesNotContain(secret, run.Out + run.Error, StringComparison.Ordinal));
            Assert.DoesNotContain(secret, server.Logs, StringComparison.Ordinal);
        }
    }
}
