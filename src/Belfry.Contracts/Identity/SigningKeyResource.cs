namespace Belfry.Contracts.Identity;

/// <summary>Belfry extension: one of the issuer's signing keys (<c>GET /v1/keys</c>, <c>POST /v1/keys:rotate</c>).</summary>
public sealed class SigningKeyResource
{
    /// <summary>Key id, the <c>kid</c> of the tokens it signs.</summary>
    public string? Kid { get; set; }

    /// <summary><c>RS256</c>.</summary>
    public string? Algorithm { get; set; }

    /// <summary><c>CURRENT</c> (signs new tokens) or <c>RETIRED</c> (published until its tokens expire).</summary>
    public string? State { get; set; }

    /// <summary>When the key was made.</summary>
    public DateTimeOffset? CreateTime { get; set; }

    /// <summary>When the key stopped signing; absent while current.</summary>
    public DateTimeOffset? RetireTime { get; set; }

    /// <summary>When the key leaves the JWKS (retire time + token lifetime + clock skew); absent while current.</summary>
    public DateTimeOffset? PublishUntil { get; set; }

    /// <summary>The public key as published in the JWKS.</summary>
    public JsonWebKeyResource? PublicKey { get; set; }
}
