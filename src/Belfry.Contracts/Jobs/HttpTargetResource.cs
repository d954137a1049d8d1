namespace Belfry.Contracts.Jobs;

/// <summary>Cloud Scheduler v1 <c>HttpTarget</c>.</summary>
public sealed class HttpTargetResource
{
    /// <summary>Full http:// or https:// URI.</summary>
    public string? Uri { get; set; }

    /// <summary>Default POST.</summary>
    public HttpMethodWire? HttpMethod { get; set; }

    /// <summary>Request headers, in order.</summary>
    public Dictionary<string, string>? Headers { get; set; }

    /// <summary>Base64 body; only with POST, PUT or PATCH.</summary>
    public string? Body { get; set; }

    /// <summary>Sign requests with an OIDC token.</summary>
    public OidcTokenResource? OidcToken { get; set; }

    /// <summary>Not supported (Google OAuth access tokens); present so the error can name it.</summary>
    public System.Text.Json.JsonElement? OauthToken { get; set; }
}
