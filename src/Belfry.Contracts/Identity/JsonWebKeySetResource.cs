namespace Belfry.Contracts.Identity;

/// <summary><c>GET /.well-known/jwks.json</c>: the keys a token from this server may be signed with.</summary>
public sealed class JsonWebKeySetResource
{
    /// <summary>The current key and the retired ones whose tokens may still be valid.</summary>
    public List<JsonWebKeyResource> Keys { get; set; } = [];
}
