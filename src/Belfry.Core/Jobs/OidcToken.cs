namespace Belfry.Core.Jobs;

/// <summary>Sign requests with an OIDC token for <paramref name="ServiceAccountEmail"/>; audience defaults to the target URI.</summary>
internal sealed record OidcToken(string ServiceAccountEmail, string? Audience);
