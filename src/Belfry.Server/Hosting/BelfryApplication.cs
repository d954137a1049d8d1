using Belfry.Core.Planning;
using Belfry.Core.Storage;
using Belfry.Notifications.Delivery;
using Belfry.Notifications.Secrets;
using Belfry.Server.Alerts;
using Belfry.Server.Api;
using Belfry.Server.Dispatch;
using Belfry.Server.Identity;
using Belfry.Server.Notifications;
using Belfry.Server.Pipelines;
using Belfry.Server.Telemetry;
using Belfry.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Belfry.Server.Hosting;

/// <summary>Builds the ASP.NET Core application: the store, the dispatcher, the OIDC issuer, notifications, alerts and the v1 API.</summary>
internal static class BelfryApplication
{
    /// <param name="args">Command-line configuration, as <c>belfry serve</c> passes it.</param>
    /// <param name="configure">Last adjustments before building (tests add a log capture); null for none.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        AdminAccessOptions.AddEnvironmentFallback(builder.Configuration, Environment.GetEnvironmentVariable);
        AddBelfry(builder.Services, builder.Configuration);
        configure?.Invoke(builder);
        var app = builder.Build();
        MapBelfry(app);
        return app;
    }

    public static void AddBelfry(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ServerOptions>().Bind(configuration.GetSection(ServerOptions.SectionName)).ValidateDataAnnotations()
            .Validate(o => o.DashboardUrl is null || IssuerUrl.IsValid(o.DashboardUrl), "Belfry:DashboardUrl must be an absolute http:// or https:// URL without query or fragment.")
            .ValidateOnStart();
        services.AddOptions<NotificationOptions>().Bind(configuration.GetSection(NotificationOptions.SectionName)).ValidateDataAnnotations()
            .Validate(o => o.IsValid(), "Belfry:Notifications: durations must be positive, Lease longer than Timeout, MaxBackoff at least MinBackoff.")
            .ValidateOnStart();
        services.AddOptions<AlertOptions>().Bind(configuration.GetSection(AlertOptions.SectionName)).ValidateDataAnnotations()
            .Validate(o => o.Interval > TimeSpan.Zero, "Belfry:Alerts:Interval must be positive.")
            .ValidateOnStart();
        services.AddOptions<DispatchOptions>().Bind(configuration.GetSection(DispatchOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<IssuerOptions>().Bind(configuration.GetSection(IssuerOptions.SectionName))
            .Validate(o => IssuerUrl.IsValid(o.Issuer), "Belfry:Issuer (--issuer) must be an absolute http:// or https:// URL without query or fragment.")
            .ValidateOnStart();
        services.AddOptions<AdminAccessOptions>().Bind(configuration.GetSection(AdminAccessOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IJobStore>(sp =>
        {
            // Opened once, at start-up (StoreStartup resolves it), so a locked data directory stops the server early.
            var options = sp.GetRequiredService<IOptions<ServerOptions>>().Value;
            return SqliteJobStore.OpenAsync(options.DataDirectory, sp.GetRequiredService<TimeProvider>(), CancellationToken.None).GetAwaiter().GetResult();
        });
        services.AddSingleton(sp => (ISigningKeyStore)sp.GetRequiredService<IJobStore>());
        services.AddSingleton(sp => (INotificationStore)sp.GetRequiredService<IJobStore>());
        services.AddSingleton(sp => AdminToken.Resolve(
            sp.GetRequiredService<IOptions<AdminAccessOptions>>().Value, ListenAddresses.From(sp.GetRequiredService<IConfiguration>())));
        services.AddHostedService<StoreStartup>();
        services.AddSingleton<SigningKeyRing>();
        services.AddSingleton<IssuerUrl>();
        services.AddSingleton<IdTokenMinter>();
        services.AddHostedService<SigningKeyStartup>();
        services.AddSingleton<ScheduleCache>();
        services.AddSingleton(sp => (IPipelineStore)sp.GetRequiredService<IJobStore>());
        services.AddSingleton<PipelineValidator>();
        services.AddSingleton<PipelineCommands>();
        services.AddSingleton<JobValidator>();
        services.AddSingleton<JobCommands>();
        services.AddSingleton<DispatchSignal>();
        services.AddSingleton<AttemptSender>();
        services.AddSingleton<AttemptRecorder>();
        services.AddSingleton<Dispatcher>();

        services.AddHostedService<DispatcherService>();
        AddNotifications(services, configuration);
        services.AddHttpClient(AttemptSender.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = true,
                MaxAutomaticRedirections = 10,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                UseCookies = false,
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)

            // No IHttpClientFactory logging handlers for deliveries: they wrote four entries (and a scope) per request,
            // at thousands a second most of the server's CPU, and the OIDC token stays out of logs at every level.
            // The dispatcher logs each attempt's outcome itself.
            .RemoveAllLoggers();
    }

    /// <summary>Channels, the outbox relay and the alert watcher (docs/notifications.md).</summary>
    private static void AddNotifications(IServiceCollection services, IConfiguration configuration)
    {
        services.AddMetrics();
        services.TryAddSingleton<BelfryMetrics>();
        services.AddOptions<SecretOptions>().Bind(configuration.GetSection(SecretOptions.SectionName))
            .Validate(o => o.IsValid(), "Belfry:Secrets: EnvironmentPrefix must be letters, digits and underscores, not a prefix of BELFRY_ADMIN_TOKEN; Directory must not be empty.")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<SecretOptions>>().Value.Scope(
            sp.GetRequiredService<IOptions<ServerOptions>>().Value.DataDirectory));
        services.TryAddSingleton(sp => SecretResolver.ForProcess(sp.GetRequiredService<SecretScope>()));
        services.AddSingleton<ChannelEndpointResolver>();
        services.AddSingleton<NotificationComposer>();
        services.AddSingleton(sp => new NotificationSender(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(NotificationClientName), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<NotificationRelay>();
        services.AddHostedService<NotificationRelayService>();
        services.AddSingleton<ChannelCommands>();
        services.AddSingleton<AlertPolicyCommands>();
        services.AddSingleton<AlertWatcher>();
        services.AddHostedService<AlertWatcherService>();

        // Webhook URLs are secrets (Discord's carries a token): no HttpClient logging for this client at any level,
        // since the default handlers log request URIs. Redirects are not followed, so a body never goes elsewhere.
        services.AddHttpClient(NotificationClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                UseCookies = false,
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers();
    }

    private const string NotificationClientName = "belfry-notify";

    public static void MapBelfry(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<AdminAuthMiddleware>();
        app.UseMiddleware<ApiErrorMiddleware>();
        app.MapJobsApi();
        app.MapChannelsApi();
        app.MapAlertPoliciesApi();
        app.MapPipelinesApi();
        app.MapLocationsApi();
        app.MapDiscovery();
        app.MapKeysApi();
        app.MapServiceAccountsApi();
    }
}
