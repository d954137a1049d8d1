namespace Belfry.Server.Identity;

/// <summary>
/// On start: makes the first signing key when the store has none; once the server listens, says which issuer the
/// tokens name (the default one needs the bound address).
/// </summary>
internal sealed class SigningKeyStartup(SigningKeyRing keys, IssuerUrl issuer, IHostApplicationLifetime lifetime, ILogger<SigningKeyStartup> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var current = await keys.EnsureCurrentAsync(cancellationToken).ConfigureAwait(false);
        lifetime.ApplicationStarted.Register(() => Log.IssuerReady(logger, issuer.Value, current.Id));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
