namespace Belfry.Contracts.Identity;

/// <summary>The public half of an RS256 signing key as a JSON Web Key (RFC 7517): never any private parameter.</summary>
public sealed class JsonWebKeyResource
{
    /// <summary>Key type: <c>RSA</c>.</summary>
    public string? Kty { get; set; }

    /// <summary>Public key use: <c>sig</c>.</summary>
    public string? Use { get; set; }

    /// <summary>Algorithm: <c>RS256</c>.</summary>
    public string? Alg { get; set; }

    /// <summary>Key id, the <c>kid</c> in the header of the tokens it signs.</summary>
    public string? Kid { get; set; }

    /// <summary>RSA modulus, base64url.</summary>
    public string? N { get; set; }

    /// <summary>RSA public exponent, base64url.</summary>
    public string? E { get; set; }
}
