namespace Belfry.Contracts.Jobs;

/// <summary>Cloud Scheduler v1 <c>OidcToken</c>.</summary>
public sealed class OidcTokenResource
{
    /// <summary>The identity the token asserts (<c>sub</c> and <c>email</c>).</summary>
    public string? ServiceAccountEmail { get; set; }

    /// <summary>The token's <c>aud</c>; default the target URI, exactly.</summary>
    public string? Audience { get; set; }
}
