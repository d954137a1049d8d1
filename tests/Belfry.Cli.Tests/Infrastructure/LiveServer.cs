using System.Collections.Concurrent;
using Belfry.Server.Dispatch;
using Belfry.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Belfry.Cli.Tests.Infrastructure;

/// <summary>
/// The real Belfry server on a free loopback port with a temporary data directory, its background loops off, and
/// every log entry captured at every level: for CLI tests that need the server's real answers.
/// </summary>
internal sealed class LiveServer : IAsyncDisposable, ILoggerProvider
{
    private readonly ConcurrentQueue<string> _logs = new();
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("belfry-cli-").FullName;
    private WebApplication _app = null!;

    public string Endpoint { get; private set; } = "";

    public string Logs => string.Join("\n", _logs);

    /// <summary>The server's secrets directory (the default, in its data directory), created.</summary>
    public string SecretsDirectory => Directory.CreateDirectory(Path.Combine(_dataDirectory, "secrets")).FullName;

    /// <param name="settings">More command-line configuration (<c>--Belfry:Cluster:NodeId=…</c>).</param>
    public static async Task<LiveServer> StartAsync(params string[] settings)
    {
        var server = new LiveServer();
        server._app = BelfryApplication.Build(
            [
                $"--Belfry:DataDirectory={server._dataDirectory}", "--urls=http://127.0.0.1:0", "--Belfry:AdminToken=",
                "--Belfry:Dispatch:Enabled=false", "--Belfry:Notifications:Enabled=false", "--Belfry:Alerts:Enabled=false",
                .. settings,
            ],
            builder => builder.Logging.AddProvider(server).AddFilter<LiveServer>(null, LogLevel.Trace));
        await server._app.StartAsync(TestContext.Current.CancellationToken);
        server.Endpoint = server._app.Urls.Single();
        return server;
    }

    /// <summary>One dispatcher cycle on the real clock (the loop is off), then waits until every delivery it started is recorded.</summary>
    public async Task DispatchAsync()
    {
        var dispatcher = _app.Services.GetRequiredService<Dispatcher>();
        await dispatcher.RunOnceAsync(TestContext.Current.CancellationToken);
        await dispatcher.WhenIdleAsync();
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    void IDisposable.Dispose()
    {
    }

    private sealed class Logger(LiveServer server, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            server._logs.Enqueue($"{logLevel} {category} {formatter(state, exception)} | {values} | {exception}");
        }
    }
}
