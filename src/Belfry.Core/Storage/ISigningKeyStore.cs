namespace Belfry.Core.Storage;

/// <summary>
/// Where the OIDC issuer keeps its signing keys, so every node of a cluster signs and publishes the same ones.
/// At most one key is current (not retired) at any time. Every method is one transaction; instants are UTC. A write that
/// stores a key publishes <see cref="StoreChangeKind.SigningKeysChanged"/> on the change feed after its commit, so
/// every node's key ring re-reads at once rather than serve a JWKS without the key another node signs with.
/// </summary>
internal interface ISigningKeyStore
{
    /// <summary>Every kept key: the current one first, then the retired ones not yet forgotten, most recently retired first.</summary>
    Task<IReadOnlyList<SigningKey>> ListSigningKeysAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="candidate"/> as the current key when there is none, and returns the current key,
    /// the candidate or the one already there. Two servers starting at once thus agree on one key.
    /// </summary>
    Task<SigningKey> AddSigningKeyIfNoneAsync(SigningKey candidate, CancellationToken cancellationToken);

    /// <summary>
    /// Makes <paramref name="next"/> the current key: the previous current key is retired at
    /// <paramref name="next"/>.CreateTime, and keys retired before <paramref name="forgetRetiredBefore"/> (whose
    /// tokens have all expired) are deleted.
    /// </summary>
    Task RotateSigningKeyAsync(SigningKey next, DateTimeOffset forgetRetiredBefore, CancellationToken cancellationToken);
}
