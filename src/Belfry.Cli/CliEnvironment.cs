using Belfry.Server.Hosting;

namespace Belfry.Cli;

/// <summary>
/// Everything a command touches outside itself: the three standard streams, whether standard input is a terminal,
/// environment variables, the clock and the server host. Tests build one with captured streams.
/// </summary>
internal sealed class CliEnvironment
{
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    public TextReader In { get; init; } = TextReader.Null;

    /// <summary>True when a person may answer prompts (gcloud prompts only then).</summary>
    public bool IsInputTerminal { get; init; }

    public Func<string, string?> GetVariable { get; init; } = static _ => null;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Runs the server for <c>belfry serve</c>: (its settings, cancellation) → exit code.</summary>
    public Func<ServeSettings, CancellationToken, Task<int>> RunServerAsync { get; init; } = BelfryServerHost.RunAsync;

    public static CliEnvironment FromConsole() => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        In = Console.In,
        IsInputTerminal = !Console.IsInputRedirected,
        GetVariable = Environment.GetEnvironmentVariable,
    };
}
