using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Belfry.EndToEnd.Tests.Infrastructure;

/// <summary>A real <c>belfry serve</c> process on 127.0.0.1, killable with SIGKILL.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private int _disposed;

    private ServerProcess(Process process, string endpoint)
    {
        _process = process;
        Endpoint = endpoint;
    }

    public string Endpoint { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts <c>belfry serve</c> without waiting for it to be ready.</summary>
    public static ServerProcess Start(string dataDirectory, int port, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = BelfryBinary.StartInfo(["serve", "--data-dir", dataDirectory, "--host-port", $"127.0.0.1:{port}"], environment);
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start belfry serve");
        process.StandardInput.Close();
        var server = new ServerProcess(process, $"http://127.0.0.1:{port}");
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Starts the server and waits until its API answers.</summary>
    public static async Task<ServerProcess> StartReadyAsync(string dataDirectory, int? port = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var server = Start(dataDirectory, port ?? FreePort(), environment);
        await server.WaitReadyAsync();
        return server;
    }

    public async Task WaitReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"belfry serve exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                // Discovery is always anonymous, so this also works when the admin API needs a token.
                using var response = await http.GetAsync(Endpoint + "/.well-known/openid-configuration");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"belfry serve did not answer within 60 s:\n{Output}");
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a crash.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }
}
