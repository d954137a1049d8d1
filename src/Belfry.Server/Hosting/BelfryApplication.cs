using Belfry.Core.Planning;
using Belfry.Core.Storage;
using Belfry.Server.Api;
using Belfry.Server.Dispatch;
using Belfry.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Belfry.Server.Hosting;

/// <summary>Builds the ASP.NET Core application: the store, the dispatcher and the v1 API.</summary>
internal static class BelfryApplication
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        AddBelfry(builder.Services, builder.Configuration);
        var app = builder.Build();
        MapBelfry(app);
        return app;
    }

    public static void AddBelfry(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ServerOptions>().Bind(configuration.GetSection(ServerOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DispatchOptions>().Bind(configuration.GetSection(DispatchOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IJobStore>(sp =>
        {
            // Opened once, at start-up (StoreStartup resolves it), so a locked data directory stops the server early.
            var options = sp.GetRequiredService<IOptions<ServerOptions>>().Value;
            return SqliteJobStore.OpenAsync(options.DataDirectory, sp.GetRequiredService<TimeProvider>(), CancellationToken.None).GetAwaiter().GetResult();
        });
        services.AddHostedService<StoreStartup>();
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
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
    }

    public static void MapBelfry(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<ApiErrorMiddleware>();
        app.MapJobsApi();
        app.MapLocationsApi();
    }
}
