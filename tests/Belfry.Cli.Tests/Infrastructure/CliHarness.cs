using Belfry.Server.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Belfry.Cli.Tests.Infrastructure;

/// <summary>Runs <c>belfry …</c> in process with captured streams, a fixed environment and a fake clock.</summary>
internal static class CliHarness
{
    public static async Task<CliRun> RunAsync(
        string[] args,
        IReadOnlyDictionary<string, string>? variables = null,
        bool terminal = false,
        string input = "",
        TimeProvider? time = null,
        Func<ServeSettings, CancellationToken, Task<int>>? runServer = null,
        TextReader? reader = null)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var environment = new CliEnvironment
        {
            Out = output,
            Error = error,
            In = reader ?? new StringReader(input),
            IsInputTerminal = terminal,
            GetVariable = name => variables is not null && variables.TryGetValue(name, out var value) ? value : null,
            Time = time ?? new FakeTimeProvider(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero)),
            RunServerAsync = runServer ?? ((_, _) => throw new InvalidOperationException("serve is not expected here")),
        };
        var exitCode = await BelfryCli.RunAsync(args, environment, TestContext.Current.CancellationToken);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs against <paramref name="server"/> through BELFRY_ENDPOINT.</summary>
    public static Task<CliRun> RunAsync(RecordingServer server, params string[] args) =>
        RunAsync(args, new Dictionary<string, string> { ["BELFRY_ENDPOINT"] = server.Endpoint });

    /// <summary>Runs against <paramref name="server"/> with BELFRY_ENDPOINT and more environment variables.</summary>
    public static Task<CliRun> RunAsync(RecordingServer server, IReadOnlyDictionary<string, string> variables, params string[] args) =>
        RunAsync(args, new Dictionary<string, string>(variables) { ["BELFRY_ENDPOINT"] = server.Endpoint });
}
