using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Belfry.AspNetCore.Verification;

/// <summary>
/// The issuer's signing keys, from its discovery document and JWKS, cached. Refreshed hourly, and at once (waiting for
/// the answer) when a token names a key we do not know, at most every <see cref="ForcedRefreshInterval"/>.
/// </summary>
/// <remarks>
/// Not IdentityModel's <c>ConfigurationManager</c>: once it has a configuration it refreshes in the background and
/// answers with the old keys, so the first token signed after a key rotation would be refused (401), and with no
/// retries configured that run would be lost. Here concurrent callers share one fetch, and a failed refresh keeps
/// the last good keys.
/// </remarks>
internal sealed class IssuerKeySource : IDisposable
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromHours(1);
    public static readonly TimeSpan ForcedRefreshInterval = TimeSpan.FromSeconds(10);

    private readonly string _metadataAddress;
    private readonly IDocumentRetriever _retriever;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _fetch = new(1, 1);
    private volatile OpenIdConnectConfiguration? _current;
    private DateTimeOffset _fetchedAt;

    public IssuerKeySource(string issuer, IDocumentRetriever retriever, TimeProvider timeProvider)
    {
        _metadataAddress = issuer.TrimEnd('/') + "/.well-known/openid-configuration";
        _retriever = retriever;
        _timeProvider = timeProvider;
    }

    /// <summary>
    /// The current keys; <paramref name="unknownKey"/> asks for a fresh copy because a token named a key not in it.
    /// Throws when the keys were never fetched and cannot be now.
    /// </summary>
    public async Task<ICollection<SecurityKey>> GetKeysAsync(bool unknownKey, CancellationToken cancellationToken)
    {
        if (_current is { } cached && !IsStale(unknownKey))
        {
            return cached.SigningKeys;
        }

        await _fetch.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Whoever held the lock may just have fetched what we need.
            if (_current is { } fresh && !IsStale(unknownKey))
            {
                return fresh.SigningKeys;
            }

            try
            {
                _current = await OpenIdConnectConfigurationRetriever.GetAsync(_metadataAddress, _retriever, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (_current is not null && exception is not OperationCanceledException)
            {
                // The issuer is briefly unreachable: keep verifying with the keys we have, and try again later.
            }

            _fetchedAt = _timeProvider.GetUtcNow();
            return _current.SigningKeys;
        }
        finally
        {
            _fetch.Release();
        }
    }

    public void Dispose() => _fetch.Dispose();

    private bool IsStale(bool unknownKey)
    {
        var age = _timeProvider.GetUtcNow() - _fetchedAt;
        return _current is null || age >= (unknownKey ? ForcedRefreshInterval : RefreshInterval);
    }
}
