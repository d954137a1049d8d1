namespace Belfry.Core.Storage;

/// <summary>
/// A token signing key as the store keeps it: the RSA private key as PKCS#8 DER, its key id (<c>kid</c>), when it
/// was made, and when it stopped signing (null while it is the current key). Retired keys stay published in the
/// JWKS until every token they signed has expired (docs/identity.md, "Rotation").
/// </summary>
internal sealed record SigningKey(string Id, ReadOnlyMemory<byte> PrivateKeyPkcs8, DateTimeOffset CreateTime, DateTimeOffset? RetireTime)
{
    public bool IsCurrent => RetireTime is null;
}
