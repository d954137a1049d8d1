namespace Belfry.Contracts.Identity;

/// <summary>
/// <c>POST /v1/projects/-/serviceAccounts/{email}:generateIdToken</c>, as Google's IAM Credentials API takes it.
/// </summary>
public sealed class GenerateIdTokenRequest
{
    /// <summary>The token's <c>aud</c>, exactly; required.</summary>
    public string? Audience { get; set; }

    /// <summary>Put <c>email</c> and <c>email_verified</c> in the token.</summary>
    public bool? IncludeEmail { get; set; }

    /// <summary>Google's delegation chain; Belfry accepts only an empty one.</summary>
    public List<string>? Delegates { get; set; }
}
