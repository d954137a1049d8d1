using System.Security.Cryptography;
using Belfry.Contracts.Identity;
using Belfry.Core.Storage;
using Microsoft.IdentityModel.Tokens;

namespace Belfry.Server.Identity;

/// <summary>
/// Makes and loads RS256 signing keys: RSA 2048, stored as PKCS#8, named by their RFC 7638 JWK thumbprint
/// (SHA-256, base64url), so a kid says which key it is without a lookup table.
/// </summary>
internal static class RsaSigningKeys
{
    public const string Algorithm = SecurityAlgorithms.RsaSha256;
    private const int KeySizeInBits = 2048;

    public static SigningKey Generate(DateTimeOffset now)
    {
        using var rsa = RSA.Create(KeySizeInBits);
        var kid = Base64UrlEncoder.Encode(new RsaSecurityKey(rsa.ExportParameters(includePrivateParameters: false)).ComputeJwkThumbprint());
        return new SigningKey(kid, rsa.ExportPkcs8PrivateKey(), now, RetireTime: null);
    }

    /// <summary>The RSA key of <paramref name="key"/>, to sign with; the caller owns (and disposes) its RSA.</summary>
    public static RsaSecurityKey Load(SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var rsa = RSA.Create();
        try
        {
            rsa.ImportPkcs8PrivateKey(key.PrivateKeyPkcs8.Span, out _);
            return new RsaSecurityKey(rsa) { KeyId = key.Id };
        }
        catch
        {
            rsa.Dispose();
            throw;
        }
    }

    /// <summary>The public JWK: only kty, use, alg, kid, n and e; the private parameters never leave the key.</summary>
    public static JsonWebKeyResource PublicJwk(RsaSecurityKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var publicOnly = new RsaSecurityKey(key.Rsa.ExportParameters(includePrivateParameters: false)) { KeyId = key.KeyId };
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(publicOnly);
        return new JsonWebKeyResource { Kty = jwk.Kty, Use = JsonWebKeyUseNames.Sig, Alg = Algorithm, Kid = key.KeyId, N = jwk.N, E = jwk.E };
    }
}
