using Belfry.Core.Planning;
using Belfry.Notifications.Delivery;
using Belfry.Notifications.Secrets;
using Belfry.Server.Alerts;
using Belfry.Server.Api;
using Belfry.Server.Api.AlertPolicies;
using Belfry.Server.Api.ChangeSets;
using Belfry.Server.Api.Channels;
using Belfry.Server.Api.Jobs;
using Belfry.Server.Api.Locations;
using Belfry.Server.Api.Nodes;
using Belfry.Server.Api.Pipelines;
using Belfry.Server.Api.Reports;
using Belfry.Server.Dashboard;
using Belfry.Server.Dispatch;
using Belfry.Server.Egress;
using Belfry.Server.Health;
using Belfry.Server.Identity;
using Belfry.Server.Notifications;
using Belfry.Server.Retention;
using Belfry.Server.Telemetry;
using Belfry.Server.Cluster;
using Belfry.Storage.Postgres;
using Belfry.Storage.Sqlite;
using Microsoft.Extensions.Configuration.Memory;
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
        // appsettings*.json are read once, not watched: reloading them would put a recursive file watcher on the
        // content root, the working directory, which for `belfry serve` run in a source tree or a home directory is
        // thousands of directories (inotify watches, and a burst measured 25 times as many gen1 collections). Options
        // are validated at start, so a change needs a restart anyway. First, so a later argument can turn it back on.
        var builder = WebApplication.CreateBuilder(["--hostBuilder:reloadConfigOnChange=false", .. args]);

        // Lowest precedence, so Logging:LogLevel:… from any source (appsettings, Logging__LogLevel__… variables, the
        // command line) still wins.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = DefaultLogLevels });
        EnvironmentFallbacks.Add(builder.Configuration, Environment.GetEnvironmentVariable);
        LoggingOptions.Configure(builder.Logging, builder.Configuration);
        AddBelfry(builder.Services, builder.Configuration);
        builder.Services.AddHostedService<StartupBanner>();
        configure?.Invoke(builder);
        var app = builder.Build();
        MapBelfry(app);
        return app;
    }

    /// <summary>
    /// A quiet server stays quiet (issue 15; docs/operations.md, "Logs"): at the default level Belfry's own lines (one
    /// per attempt outcome, job state change, alert and store fault) and the host's start and stop, but not ASP.NET
    /// Core's per-request lines (<c>Request starting</c>, <c>Executing endpoint</c>: the admin API, every scrape and
    /// probe), HttpClient's per-request lines, or Npgsql's per-command ones.
    /// </summary>
    public static readonly KeyValuePair<string, string?>[] DefaultLogLevels =
    [
        KeyValuePair.Create<string, string?>("Logging:LogLevel:Default", "Information"),
        KeyValuePair.Create<string, string?>("Logging:LogLevel:Microsoft.AspNetCore", "Warning"),
        KeyValuePair.Create<string, string?>("Logging:LogLevel:System.Net.Http.HttpClient", "Warning"),
        KeyValuePair.Create<string, string?>("Logging:LogLevel:Npgsql", "Warning"),
    ];

    public static void AddBelfry(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IValidateOptions<ServerOptions>, StoreOptionValidator>();
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
        services.AddOptions<EgressOptions>().Bind(configuration.GetSection(EgressOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EgressOptions>, EgressOptionsValidator>();
        services.AddSingleton<ServerEndpoints>();
        services.AddSingleton<EgressPolicy>();
        services.AddSingleton<EgressConnector>();
        services.AddOptions<AdminAccessOptions>().Bind(configuration.GetSection(AdminAccessOptions.SectionName));
        AddRequestGuard(services, configuration);
        services.TryAddSingleton(TimeProvider.System);
        AddStore(services, configuration);
        services.AddSingleton(sp => AdminToken.Resolve(
            sp.GetRequiredService<IOptions<AdminAccessOptions>>().Value,
            ListenAddresses.From(sp.GetRequiredService<IConfiguration>()),
            sp.GetRequiredService<IOptions<RequestGuardOptions>>().Value.TrustProxy));
        services.AddSingleton<SigningKeyRing>();
        services.AddSingleton<IssuerUrl>();
        services.AddSingleton<IdTokenMinter>();
        services.AddHostedService<SigningKeyStartup>();
        services.AddSingleton<ScheduleCache>();
        services.AddSingleton<PipelineValidator>();
        services.AddSingletonOnClusterClock<PipelineCommands>();
        services.AddSingleton<JobValidator>();
        services.AddSingletonOnClusterClock<JobCommands>();
        services.AddSingleton<DispatchSignal>();
        services.AddSingletonOnClusterClock<AttemptSender>();
        services.AddSingleton<StoreHealth>();
        services.AddSingleton<IReadinessCheck>(sp => sp.GetRequiredService<StoreHealth>());
        services.AddSingleton<IReadinessCheck, StoreReachable>();
        services.AddSingleton<IReadinessCheck, MigrationsApplied>();
        services.AddSingleton<DispatcherRunning>();
        services.AddSingleton<IReadinessCheck>(sp => sp.GetRequiredService<DispatcherRunning>());
        services.AddSingleton<AttemptRecorder>();
        services.AddSingletonOnClusterClock<LeaseKeeper>();
        services.AddSingleton<RunSpans>();
        services.AddSingletonOnClusterClock<DeliveryRunner>();
        services.AddSingletonOnClusterClock<ArmedQueue>();
        services.AddSingleton<Dispatcher>();

        // Before the dispatcher: its first heartbeat measures the clock before the first cycle plans with it.
        services.AddHostedService<NodeHeartbeatService>(sp => sp.GetRequiredService<NodeHeartbeatService>());
        services.AddHostedService(sp => ActivatorUtilities.CreateInstance<DispatcherService>(sp, sp.GetRequiredService<ClusterClock>()));
        AddNotifications(services, configuration);
        services.AddBelfryTelemetry(configuration);
        AddRetention(services, configuration);
        services.AddDashboard(configuration);

        // AttemptSender follows redirects itself, so it can drop the job's headers and body at another origin; it logs
        // each attempt's outcome itself, and the OIDC token stays out of logs at every level.
        services.AddEgressHttpClient(AttemptSender.ClientName);
    }

    /// <summary>
    /// The embedded SQLite store in the data directory, or, with <c>Belfry:Store</c> (<c>--store</c>, BELFRY_STORE),
    /// the PostgreSQL database a cluster of nodes shares. Either is opened asynchronously at start-up by its own hosted
    /// service, which runs before every other, so a locked data directory or an unreachable database stops the server
    /// early (BelfryServerHost checks it even before the host starts).
    /// </summary>
    private static void AddStore(IServiceCollection services, IConfiguration configuration)
    {
        AddCluster(services, configuration);
        if (configuration[$"{ServerOptions.SectionName}:{nameof(ServerOptions.Store)}"] is { Length: > 0 } store && !string.IsNullOrWhiteSpace(store))
        {
            services.AddPostgresStore(_ => store, sp => sp.GetRequiredService<NodeIdentity>().Id);
        }
        else
        {
            services.AddSqliteStore(sp => sp.GetRequiredService<IOptions<ServerOptions>>().Value.DataDirectory);
        }
    }

    /// <summary>
    /// The node among others (docs/semantics.md, "Clocks"): its identity, its heartbeat and the <see cref="ClusterClock"/>,
    /// the local clock corrected by the measured offset from the database's. What decides or compares schedule times,
    /// leases and deadlines that other nodes read runs on it (the dispatcher, job and pipeline commands, the alert
    /// watcher, the notification relay); the rest (token lifetimes, key rotation, the stores' own stamps) keeps the
    /// plain clock.
    /// </summary>
    private static void AddCluster(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ClusterOptions>().Bind(configuration.GetSection(ClusterOptions.SectionName))
            .Validate(o => o.IsValid(), "Belfry:Cluster: HeartbeatInterval and MaxClockOffset must be positive.")
            .ValidateOnStart();
        services.AddSingleton<NodeIdentity>();
        services.AddSingleton(sp => new ClusterClock(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IClockOffsetSource>(sp => new StoreClockOffsetSource(
            sp.GetRequiredService<Core.Storage.INodeStore>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<NodeHeartbeatService>();
    }

    /// <summary>Registers <typeparamref name="T"/> with the <see cref="ClusterClock"/> as its <see cref="TimeProvider"/>.</summary>
    private static void AddSingletonOnClusterClock<T>(this IServiceCollection services)
        where T : class =>
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<T>(sp, sp.GetRequiredService<ClusterClock>()));

    /// <summary>Host, origin, content-type and proxy checks in front of the admin API (docs/security.md), and CORS when origins are allowed.</summary>
    private static void AddRequestGuard(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RequestGuardOptions>().Bind(configuration.GetSection(RequestGuardOptions.SectionName))
            .Validate(o => o.AllowedOrigins.All(IsOrigin), "Belfry:AllowedOrigins (--allowed-origins) takes origins such as https://console.example: scheme, host and optional port, no path.")
            .ValidateOnStart();
        services.AddSingleton(sp => new HostAllowList(
            sp.GetRequiredService<IOptions<RequestGuardOptions>>().Value.AllowedHosts,
            ListenAddresses.From(sp.GetRequiredService<IConfiguration>()),
            [sp.GetRequiredService<IOptions<IssuerOptions>>().Value.Issuer, sp.GetRequiredService<IOptions<ServerOptions>>().Value.DashboardUrl]));
        var origins = AllowedOrigins(configuration);
        if (origins.Length > 0)
        {
            // Only with an allow list: no CORS headers at all otherwise, so a browser never may read an answer.
            services.AddCors(cors => cors.AddPolicy(CorsPolicyName, policy => policy
                .WithOrigins([.. origins.Select(o => o.Trim().TrimEnd('/'))])
                .WithHeaders("Authorization", "Content-Type")
                .WithMethods("GET", "POST", "PATCH", "DELETE")));
        }
    }

    private const string CorsPolicyName = "belfry-allowed-origins";

    // Read unvalidated while building; the options' validation reports a bad entry at start-up.
    private static string[] AllowedOrigins(IConfiguration configuration) =>
        configuration.GetSection(RequestGuardOptions.SectionName).Get<RequestGuardOptions>()?.AllowedOrigins ?? [];

    private static bool IsOrigin(string origin) =>
        Uri.TryCreate(origin.Trim().TrimEnd('/'), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" &&
        uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0;

    /// <summary>Channels, the outbox relay and the alert watcher (docs/notifications.md).</summary>
    private static void AddNotifications(IServiceCollection services, IConfiguration configuration)
    {
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
        services.AddSingletonOnClusterClock<NotificationRelay>();
        services.AddHostedService(sp => ActivatorUtilities.CreateInstance<NotificationRelayService>(sp, sp.GetRequiredService<ClusterClock>()));
        services.AddSingleton<ChannelCommands>();
        services.AddSingleton<AlertPolicyCommands>();
        services.AddSingletonOnClusterClock<ChangeSetCommands>();
        services.AddSingletonOnClusterClock<AlertWatcher>();
        services.AddHostedService<AlertWatcherService>();

        // Webhook URLs are secrets (Discord's carries a token): no logging of request URIs. Redirects are not
        // followed, so a body never goes elsewhere.
        services.AddEgressHttpClient(NotificationClientName);
    }

    private const string NotificationClientName = "belfry-notify";

    /// <summary>
    /// Retention (docs/operations.md, "Retention"): deletes deleted jobs' history, and notifications and executions that
    /// finished longer ago than their ages, in small batches.
    /// </summary>
    private static void AddRetention(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.SectionName)).ValidateDataAnnotations()
            .Validate(o => o.IsValid(), "Belfry:Retention:ExecutionAge (--execution-retention) must be 0 (keep everything) or at least 7 days, " +
                "the longest alert policy window.")
            .ValidateOnStart();

        // Finish times are stamped on the cluster clock, so the age is measured on it too.
        services.AddSingletonOnClusterClock<ExecutionRetention>();
        services.AddSingletonOnClusterClock<DeletedJobHistory>();
        services.AddSingletonOnClusterClock<OutboxRetention>();
        services.AddSingletonOnClusterClock<RunCountRetention>();
        services.AddHostedService<RetentionService>();
    }

    public static void MapBelfry(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<RequestGuardMiddleware>();
        if (AllowedOrigins(app.Configuration).Length > 0)
        {
            // Before the admin token check: a CORS preflight carries no Authorization.
            app.UseCors(CorsPolicyName);
        }

        app.UseMiddleware<AdminAuthMiddleware>();
        app.UseMiddleware<ApiErrorMiddleware>();
        app.MapJobsApi();
        app.MapChannelsApi();
        app.MapAlertPoliciesApi();
        app.MapPipelinesApi();
        app.MapChangeSetsApi();
        app.MapLocationsApi();
        app.MapNodesApi();
        app.MapReportsApi();
        app.MapDiscovery();
        app.MapKeysApi();
        app.MapServiceAccountsApi();
        app.MapBelfryMetrics();
        app.MapReadiness();
        app.MapDashboard();
    }
}
