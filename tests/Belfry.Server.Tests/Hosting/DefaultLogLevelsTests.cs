using Belfry.Server.Tests.Infrastructure;
using Belfry.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Belfry.Server.Tests.Hosting;

/// <summary>
/// A quiet server stays quiet (issue 15, point 7): the real server, its API called, probed and scraped, and jobs
/// delivered over loopback, logged through a provider that obeys the server's configured levels as the console does
/// (the factory's own <see cref="LogSink"/> takes every level).
/// </summary>
public sealed class DefaultLogLevelsTests : IAsyncLifetime
{
    private readonly BelfryServerFactory _server = new();
    private readonly LogSink _console = new();
    private RecordingTarget _target = null!;

    public async ValueTask InitializeAsync()
    {
        _target = await RecordingTarget.StartAsync();
        _target.Respond = (request, _) => Task.FromResult(request.Path == "/bad" ? 500 : 204);
        _server.ConfigureServices = services => services.AddSingleton<ILoggerProvider>(new ConfiguredLevels(_console));
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _target.DisposeAsync();
    }

    [Fact]
    public async Task DefaultLevels_RequestsProbesAndDeliveries_OnlyBelfryLinesAndOneErrorPerFailedAttempt()
    {
        await RunAsync();

        var entries = _console.Entries;
        Assert.DoesNotContain(entries, e => e.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.Category.StartsWith("System.Net.Http", StringComparison.Ordinal));
        var failed = Assert.Single(entries, e => e.Level == LogLevel.Error);
        Assert.Contains("of job bad-job", failed.Message, StringComparison.Ordinal);
        Assert.Single(entries, e => e.Message.StartsWith("Belfry ", StringComparison.Ordinal) && e.Message.Contains(" listening on ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DefaultLevels_OverriddenByConfiguration_RequestLinesBack()
    {
        _server.Settings["Logging:LogLevel:Microsoft.AspNetCore"] = "Information";

        await RunAsync();

        Assert.Contains(_console.Entries, e => e.Category == "Microsoft.AspNetCore.Hosting.Diagnostics" && e.Message.StartsWith("Request starting", StringComparison.Ordinal));
    }

    [Fact]
    public void StartupLine_SqliteStore_VersionAndDataDirectory()
    {
        _ = _server.Services;

        var line = Assert.Single(_console.Entries, e => e.EventId == 1001).Message;

        Assert.Matches(@"^Belfry \d+\.\d+\.\d+\S* listening on \S+, node \S+; store: SQLite in the data directory ", line);
        Assert.EndsWith(Path.GetFullPath(_server.DataDirectory), line, StringComparison.Ordinal);
    }

    private async Task RunAsync()
    {
        var api = new ApiClient(_server.CreateClient());
        using var client = _server.CreateClient();
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(200, (await api.CreateAsync(api.Job("good-job", _target.Url("/good"), schedule: "* * * * *", timeZone: "Etc/UTC"))).Status);
        Assert.Equal(200, (await api.CreateAsync(api.Job("bad-job", _target.Url("/bad"), schedule: "* * * * *", timeZone: "Etc/UTC"))).Status);
        await api.ListAsync();
        (await client.GetAsync("/readyz", ct)).Dispose();
        (await client.GetAsync("/healthz", ct)).Dispose();
        (await client.GetAsync("/metrics", ct)).Dispose();

        _server.Time.SetUtcNow(BelfryServerFactory.DefaultStart.AddMinutes(1));
        await _server.DispatchAsync();
        Assert.Equal(2, _target.Requests.Count);
    }

    /// <summary>A provider type of its own, so the factory's Trace filter for <see cref="LogSink"/> does not apply to it.</summary>
    private sealed class ConfiguredLevels(LogSink sink) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => sink.CreateLogger(categoryName);

        public void Dispose()
        {
        }
    }
}
