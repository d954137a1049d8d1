namespace Belfry.EndToEnd.Tests.Infrastructure;

/// <summary>A real <c>belfry serve</c> process on 127.0.0.1, killable with SIGKILL.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private ServerProcess(ChildProcess process, string endpoint)
    {
        _process = process;
        Endpoint = endpoint;
    }

    public string Endpoint { get; }

    public string Output => _process.Output;

    /// <summary>What the server wrote to standard output, line by line (its log).</summary>
    public IReadOnlyList<string> StandardOutputLines => _process.StandardOutputLines;

    public bool HasExited => _process.HasExited;

    public int ProcessId => _process.Id;

    public static int FreePort() => ChildProcess.FreePort();

    /// <summary>Starts <c>belfry serve</c> without waiting for it to be ready; <paramref name="arguments"/> go after the usual ones.</summary>
    public static ServerProcess Start(
        string dataDirectory, int port, IReadOnlyDictionary<string, string>? environment = null, IReadOnlyList<string>? arguments = null)
    {
        var info = BelfryBinary.StartInfo(["serve", "--data-dir", dataDirectory, "--host-port", $"127.0.0.1:{port}", .. arguments ?? []], environment);
        return new ServerProcess(ChildProcess.Start(info, "belfry serve"), $"http://127.0.0.1:{port}");
    }

    /// <summary>Starts the server and waits until it answers.</summary>
    public static async Task<ServerProcess> StartReadyAsync(string dataDirectory, int? port = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var server = Start(dataDirectory, port ?? FreePort(), environment);
        await server.WaitReadyAsync();
        return server;
    }

    // Discovery is always anonymous, so this also works when the admin API needs a token.
    public Task WaitReadyAsync() => _process.WaitUntilAnswersAsync(Endpoint + "/.well-known/openid-configuration");

    /// <summary>SIGKILL: no shutdown code runs, as in a crash.</summary>
    public Task KillAsync() => _process.KillAsync();

    public Task<int> WaitForExitAsync(TimeSpan timeout) => _process.WaitForExitAsync(timeout);

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
