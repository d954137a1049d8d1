using Belfry.Core.Storage;
using Belfry.Server.Egress;
using Belfry.Server.Identity;
using Belfry.Server.Telemetry;
using Microsoft.Extensions.Options;

namespace Belfry.Server.Hosting;

/// <summary>Entry point used by <c>belfry serve</c> and by Program: builds and runs the server.</summary>
internal static class BelfryServerHost
{
    public const string DefaultHostPort = "127.0.0.1:8085";

    /// <summary>
    /// Runs the server until <paramref name="cancellationToken"/> fires or the process is asked to stop. Returns 1,
    /// with one line on stderr, when another server holds the data directory, when the PostgreSQL store cannot be reached, when the settings are invalid, or when
    /// it would listen beyond loopback without an admin token.
    /// </summary>
    public static Task<int> RunAsync(ServeSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return RunAsync(settings.ToArgs(), cancellationToken);
    }

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var app = BelfryApplication.Build(args);
        await using (app.ConfigureAwait(false))
        {
            try
            {
                // Check before the host starts, so a refusal is one clear line rather than a hosting failure, and
                // nothing binds: the settings, the admin token against the listen addresses, then the store.
                _ = app.Services.GetRequiredService<IOptions<ServerOptions>>().Value;
                _ = app.Services.GetRequiredService<IOptions<IssuerOptions>>().Value;
                _ = app.Services.GetRequiredService<IOptions<RequestGuardOptions>>().Value;
                _ = app.Services.GetRequiredService<IOptions<EgressOptions>>().Value;
                _ = app.Services.GetRequiredService<IOptions<LoggingOptions>>().Value;
                app.Services.GetRequiredService<AdminToken>();
                app.Services.GetRequiredService<HostAllowList>();
                await app.Services.GetRequiredService<IStoreStartup>().OpenAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is StoreLockedException or StoreUnavailableException or StartupRefusedException or OptionsValidationException)
            {
                await Console.Error.WriteLineAsync($"ERROR: {e.Message}").ConfigureAwait(false);
                return 1;
            }

            await app.RunAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }
    }
}
