using Belfry.Notifications.Secrets;
using Belfry.Server.Alerts;
using Belfry.Server.Dispatch;
using Belfry.Server.Notifications;
using Belfry.Server.Retention;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Belfry.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Belfry.Server.Tests.Infrastructure;

/// <summary>
/// The real server in-process: a real SQLite file in a temp directory, a fake clock, and the dispatcher, relay, alert
/// and retention loops off, so tests drive <see cref="Dispatcher.RunOnceAsync"/>, <see cref="NotificationRelay.RunOnceAsync"/>,
/// <see cref="AlertWatcher.RunOnceAsync"/> and <see cref="ExecutionRetention.RunOnceAsync"/> themselves. Deliveries go over real loopback HTTP; logs are captured.
/// </summary>
public sealed class BelfryServerFactory : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset DefaultStart = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public BelfryServerFactory(string? dataDirectory = null, DateTimeOffset? start = null, string? issuer = null, string? adminToken = null)
    {
        DataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "belfry-tests", Guid.NewGuid().ToString("N"));
        Time = new FakeTimeProvider(start ?? DefaultStart);
        Issuer = issuer;
        AdminToken = adminToken;
    }

    /// <summary>More configuration (<c>Belfry:DashboardUrl</c>, <c>Belfry:Notifications:MaxAttempts</c>, …), applied last.</summary>
    public Dictionary<string, string> Settings { get; } = [];

    /// <summary>
    /// The server's environment variables as its secret references (<c>env:NAME</c>) see them; names need the prefix
    /// <c>BELFRY_SECRET_</c>.
    /// </summary>
    public Dictionary<string, string> Variables { get; } = [];

    /// <summary>Last changes to the server's services (a clock of its own, an offset source), applied after the defaults.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }

    /// <summary>Every log entry of the server, at every level.</summary>
    public LogSink Logs { get; } = new();

    internal NotificationRelay Relay => Services.GetRequiredService<NotificationRelay>();

    internal AlertWatcher Watcher => Services.GetRequiredService<AlertWatcher>();

    /// <summary>One relay cycle, then waits until every send it started is recorded.</summary>
    public async Task NotifyAsync()
    {
        await Relay.RunOnceAsync(TestContext.Current.CancellationToken);
        await Relay.WhenIdleAsync();
    }

    /// <summary>One alert watcher pass: alert policies and missed runs.</summary>
    public Task WatchAsync() => Watcher.RunOnceAsync(TestContext.Current.CancellationToken);

    /// <summary>One retention pass: deletes what finished longer ago than <c>Belfry:Retention:ExecutionAge</c>.</summary>
    internal Task<RetentionPass> RetainAsync() =>
        Services.GetRequiredService<ExecutionRetention>().RunOnceAsync(TestContext.Current.CancellationToken);

    public string DataDirectory { get; }

    /// <summary>The secrets directory <c>file:</c> references may read (the default, DATA_DIR/secrets); not created.</summary>
    public string SecretsDirectory => Path.Combine(DataDirectory, "secrets");

    /// <summary><c>Belfry:Issuer</c>; null leaves the default.</summary>
    public string? Issuer { get; }

    /// <summary><c>Belfry:AdminToken</c>; null runs the admin API open (loopback), whatever BELFRY_ADMIN_TOKEN says.</summary>
    public string? AdminToken { get; }

    public FakeTimeProvider Time { get; }

    internal Dispatcher Dispatcher => Services.GetRequiredService<Dispatcher>();

    /// <summary>One dispatcher cycle, then waits until every delivery it started is recorded.</summary>
    public async Task DispatchAsync()
    {
        await Dispatcher.RunOnceAsync(TestContext.Current.CancellationToken);
        await Dispatcher.WhenIdleAsync();
    }

    private SqliteDatabase? _database;

    /// <summary>Disposes the server and waits until its store has let go of the data directory, so the next may open it.</summary>
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is { } database)
        {
            await database.Closed;
        }
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        _database = host.Services.GetService<SqliteDatabase>();
        return host;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Belfry:DataDirectory", DataDirectory);
        builder.UseSetting("Belfry:Dispatch:Enabled", "false");
        builder.UseSetting("Belfry:Notifications:Enabled", "false");
        builder.UseSetting("Belfry:Alerts:Enabled", "false");
        builder.UseSetting("Belfry:Retention:Enabled", "false");
        builder.UseSetting("Belfry:AdminToken", AdminToken ?? "");
        if (Issuer is not null)
        {
            builder.UseSetting("Belfry:Issuer", Issuer);
        }

        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs).AddFilter<LogSink>(null, LogLevel.Trace));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            services.AddSingleton(sp => new SecretResolver(sp.GetRequiredService<SecretScope>(), name => Variables.GetValueOrDefault(name)));
            ConfigureServices?.Invoke(services);
        });
    }
}
