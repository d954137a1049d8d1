using System.Collections.Concurrent;
using Belfry.Contracts.Identity;
using Belfry.Core.Storage;
using Microsoft.IdentityModel.Tokens;

namespace Belfry.Server.Identity;

/// <summary>
/// The issuer's keys: the current one signs, retired ones stay published until every token they signed has
/// expired (retire time + token lifetime + clock skew), then drop out of the JWKS. The keys live in the store, so
/// a cluster shares them; this node re-reads them at most a minute old, and at once after its own rotation.
/// </summary>
internal sealed class SigningKeyRing(ISigningKeyStore store, TimeProvider time, ILogger<SigningKeyRing> logger) : IDisposable
{
    /// <summary>How far a verifier's clock may run behind ours (JwtBearer's default ClockSkew is 5 minutes too).</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>How long a retired key stays in the JWKS: the last token it signed, plus clock skew.</summary>
    public static readonly TimeSpan PublishedAfterRetirement = IdTokenMinter.Lifetime + ClockSkew;

    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(1);

    // RSA objects and public JWKs per kid, made once: a key's material never changes, only its retire time.
    private readonly ConcurrentDictionary<string, (RsaSecurityKey Key, JsonWebKeyResource Jwk)> _material = new(StringComparer.Ordinal);
    private Snapshot? _snapshot;

    /// <summary>Whether <paramref name="key"/> belongs in the JWKS at <paramref name="now"/>.</summary>
    public static bool IsPublished(SigningKey key, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.RetireTime is not { } retired || now < retired + PublishedAfterRetirement;
    }

    /// <summary>When <paramref name="key"/> leaves the JWKS; null while it is current.</summary>
    public static DateTimeOffset? PublishUntil(SigningKey key) => key?.RetireTime + PublishedAfterRetirement;

    /// <summary>The key that signs new tokens; made (once, across racing servers) when the store has none.</summary>
    public async Task<LoadedSigningKey> GetCurrentAsync(CancellationToken cancellationToken)
    {
        var keys = await GetKeysAsync(cancellationToken).ConfigureAwait(false);
        return keys.FirstOrDefault(k => k.Stored.IsCurrent) ?? await EnsureCurrentAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The keys of the JWKS now: the current one first, then the retired ones, most recently retired first.</summary>
    public async Task<IReadOnlyList<LoadedSigningKey>> GetPublishedAsync(CancellationToken cancellationToken)
    {
        var keys = await GetKeysAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        return [.. keys.Where(k => IsPublished(k.Stored, now))];
    }

    /// <summary>Makes the first key when the store has no current one (first start); otherwise returns it.</summary>
    public async Task<LoadedSigningKey> EnsureCurrentAsync(CancellationToken cancellationToken)
    {
        var existing = (await store.ListSigningKeysAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(k => k.IsCurrent);
        if (existing is not null)
        {
            return Load(existing);
        }

        var candidate = RsaSigningKeys.Generate(time.GetUtcNow());
        var current = await store.AddSigningKeyIfNoneAsync(candidate, cancellationToken).ConfigureAwait(false);
        if (current.Id == candidate.Id)
        {
            Log.KeyCreated(logger, current.Id);
        }

        _snapshot = null;
        return Load(current);
    }

    /// <summary>Adds a new key that signs from now on; the previous one is retired now and published until its tokens expire.</summary>
    public async Task<LoadedSigningKey> RotateAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var next = RsaSigningKeys.Generate(now);
        await store.RotateSigningKeyAsync(next, now - PublishedAfterRetirement, cancellationToken).ConfigureAwait(false);
        _snapshot = null;
        Log.KeyRotated(logger, next.Id, PublishedAfterRetirement.TotalMinutes);
        return Load(next);
    }

    public void Dispose()
    {
        foreach (var (key, _) in _material.Values)
        {
            key.Rsa.Dispose();
        }

        _material.Clear();
    }

    private async Task<IReadOnlyList<LoadedSigningKey>> GetKeysAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_snapshot is { } snapshot && now >= snapshot.LoadedAt && now - snapshot.LoadedAt < RefreshInterval)
        {
            return snapshot.Keys;
        }

        var stored = await store.ListSigningKeysAsync(cancellationToken).ConfigureAwait(false);
        var keys = stored.Select(Load).ToList();
        _snapshot = new Snapshot(keys, now);
        return keys;
    }

    private LoadedSigningKey Load(SigningKey key)
    {
        var (securityKey, jwk) = _material.GetOrAdd(key.Id, static (_, k) =>
        {
            var loaded = RsaSigningKeys.Load(k);
            return (loaded, RsaSigningKeys.PublicJwk(loaded));
        }, key);
        return new LoadedSigningKey(key, securityKey, jwk);
    }

    private sealed record Snapshot(IReadOnlyList<LoadedSigningKey> Keys, DateTimeOffset LoadedAt);
}
