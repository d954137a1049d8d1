using System.Collections.Concurrent;
using Belfry.Contracts.Identity;
using Belfry.Core.Storage;
using Microsoft.IdentityModel.Tokens;

namespace Belfry.Server.Identity;

/// <summary>
/// The issuer's keys: the current one signs, retired ones stay published until every token they signed has
/// expired (retire time + token lifetime + clock skew), then drop out of the JWKS. The keys live in the store, so
/// a cluster shares them. This node keeps what it read until the store's change feed says the keys changed (a first
/// key or a rotation, on any node: <see cref="StoreChangeKind.SigningKeysChanged"/>) or that changes may have been
/// missed (<see cref="StoreChangeKind.Resync"/>), so a token another node signs with its new key verifies against
/// this node's JWKS at once. It re-reads at most a minute old anyway: the safety net for a notification lost in a
/// way the feed could not tell.
/// </summary>
internal sealed class SigningKeyRing : IDisposable
{
    /// <summary>How far a verifier's clock may run behind ours (JwtBearer's default ClockSkew is 5 minutes too).</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>How long a retired key stays in the JWKS: the last token it signed, plus clock skew.</summary>
    public static readonly TimeSpan PublishedAfterRetirement = IdTokenMinter.Lifetime + ClockSkew;

    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(1);

    private readonly ISigningKeyStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<SigningKeyRing> _logger;
    private readonly IDisposable _subscription;

    // RSA objects and public JWKs per kid, made once: a key's material never changes, only its retire time.
    private readonly ConcurrentDictionary<string, (RsaSecurityKey Key, JsonWebKeyResource Jwk)> _material = new(StringComparer.Ordinal);

    // Raised by every change heard; a snapshot read under an older generation is stale. Read before the store is, so a
    // change committed while a read runs (and published after that commit) always outdates what that read kept.
    private long _generation;
    private volatile Snapshot? _snapshot;

    public SigningKeyRing(ISigningKeyStore store, IStoreChanges changes, TimeProvider time, ILogger<SigningKeyRing> logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _store = store;
        _time = time;
        _logger = logger;
        _subscription = changes.Subscribe(OnStoreChange);
    }

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
        var now = _time.GetUtcNow();
        return [.. keys.Where(k => IsPublished(k.Stored, now))];
    }

    /// <summary>Makes the first key when the store has no current one (first start); otherwise returns it.</summary>
    public async Task<LoadedSigningKey> EnsureCurrentAsync(CancellationToken cancellationToken)
    {
        var existing = (await _store.ListSigningKeysAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(k => k.IsCurrent);
        if (existing is not null)
        {
            return Load(existing);
        }

        var candidate = RsaSigningKeys.Generate(_time.GetUtcNow());
        var current = await _store.AddSigningKeyIfNoneAsync(candidate, cancellationToken).ConfigureAwait(false);
        if (current.Id == candidate.Id)
        {
            Log.KeyCreated(_logger, current.Id);
        }

        Invalidate();
        return Load(current);
    }

    /// <summary>Adds a new key that signs from now on; the previous one is retired now and published until its tokens expire.</summary>
    public async Task<LoadedSigningKey> RotateAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var next = RsaSigningKeys.Generate(now);
        await _store.RotateSigningKeyAsync(next, now - PublishedAfterRetirement, cancellationToken).ConfigureAwait(false);
        Invalidate();
        Log.KeyRotated(_logger, next.Id, PublishedAfterRetirement.TotalMinutes);
        return Load(next);
    }

    public void Dispose()
    {
        _subscription.Dispose();
        foreach (var (key, _) in _material.Values)
        {
            key.Rsa.Dispose();
        }

        _material.Clear();
    }

    private async Task<IReadOnlyList<LoadedSigningKey>> GetKeysAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var generation = Interlocked.Read(ref _generation);
        if (_snapshot is { } snapshot && snapshot.Generation == generation && now >= snapshot.LoadedAt && now - snapshot.LoadedAt < RefreshInterval)
        {
            return snapshot.Keys;
        }

        var stored = await _store.ListSigningKeysAsync(cancellationToken).ConfigureAwait(false);
        var keys = stored.Select(Load).ToList();
        _snapshot = new Snapshot(keys, now, generation);
        return keys;
    }

    // On the writer's thread or the feed's listening loop: only marks the snapshot stale, the next read reloads.
    private void OnStoreChange(StoreChange change)
    {
        if (change.Kind is StoreChangeKind.SigningKeysChanged or StoreChangeKind.Resync)
        {
            Invalidate();
        }
    }

    // The feed tells this node of its own writes too; a ring's own write marks itself, whatever the store publishes.
    private void Invalidate() => Interlocked.Increment(ref _generation);

    private LoadedSigningKey Load(SigningKey key)
    {
        var (securityKey, jwk) = _material.GetOrAdd(key.Id, static (_, k) =>
        {
            var loaded = RsaSigningKeys.Load(k);
            return (loaded, RsaSigningKeys.PublicJwk(loaded));
        }, key);
        return new LoadedSigningKey(key, securityKey, jwk);
    }

    private sealed record Snapshot(IReadOnlyList<LoadedSigningKey> Keys, DateTimeOffset LoadedAt, long Generation);
}
