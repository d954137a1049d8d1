using Belfry.Contracts.Identity;
using Belfry.Core.Storage;
using Microsoft.IdentityModel.Tokens;

namespace Belfry.Server.Identity;

/// <summary>A stored signing key with its RSA key ready to sign and its public JWK ready to publish.</summary>
internal sealed record LoadedSigningKey(SigningKey Stored, RsaSecurityKey SecurityKey, JsonWebKeyResource PublicKey)
{
    public string Id => Stored.Id;
}
