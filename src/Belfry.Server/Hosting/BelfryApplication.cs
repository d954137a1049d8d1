using Belfry.Core.Planning;
using Belfry.Core.Storage;
using Belfry.Server.Api;
using Belfry.Server.Dispatch;
using Belfry.Server.Identity;
using Belfry.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Belfry.Server.Hosting;

/// <summary>Builds the ASP.NET Core application: the store, the dispatcher, the OIDC issuer and the v1 API.</summary>
internal static class BelfryApplication
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        AdminAccessOptions.AddEnvironmentFallback(builder.Configuration, Environment.GetEnvironmentVariable);
        AddBelfry(builder.Services, builder.Configuration);
        var app = builder.Build();
        MapBelfry(app);
        return app;
    }

    public static void AddBelfry(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ServerOptions>().Bind(configuration.GetSection(ServerOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
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
        services.AddSingleton(sp => AdminToken.Resolve(
            sp.GetRequiredService<IOptions<AdminAccessOptions>>().Value, ListenAddresses.From(sp.GetRequiredService<IConfiguration>())));
        services.AddHostedService<StoreStartup>();
        services.AddSingleton<SigningKeyRing>();
        services.AddSingleton<IssuerUrl>();
        services.AddSingleton<IdTokenMinter>();
        services.AddHostedService<SigningKeyStartup>();
        services.AddSingleton<ScheduleCache>();
        services.AddSingleton<JobValidator>();
        services.AddSingleton<JobCommands>();
        services.AddSingleton<DispatchSignal>();
        services.AddSingleton<AttemptSender>();
        services.AddSingleton<Dispatcher>();
        services.AddHostedService<DispatcherService>();
        services.AddHttpClient(AttemptSender.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = true,
                MaxAutomaticRedirections = 10,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                UseCookies = false,
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RedactLoggedHeaders([HeaderNames.Authorization]); // the OIDC token never reaches a log, even at Trace
    }

    public static void MapBelfry(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<AdminAuthMiddleware>();
        app.UseMiddleware<ApiErrorMiddleware>();
        app.MapJobsApi();
        app.MapLocationsApi();
        app.MapDiscovery();
        app.MapKeysApi();
        app.MapServiceAccountsApi();
    }
}
