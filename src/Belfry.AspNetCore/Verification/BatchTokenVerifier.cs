using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Tokens;

namespace Belfry.AspNetCore.Verification;

/// <summary>
/// Verifies the scheduler's OIDC token: RS256 signature against the issuer's published keys (discovery document and
/// JWKS, cached by <see cref="IssuerKeySource"/>; refetched when a token names an unknown key), <c>iss</c> equal to
/// <see cref="BelfryBatchOptions.Issuer"/>, <c>exp</c>/<c>nbf</c> against the injected clock with a small skew, then
/// <c>aud</c> by ordinal equality. The audience is checked last and separately so a wrong audience is told apart (403)
/// from a bad token (401).
/// </summary>
internal sealed class BatchTokenVerifier : IDisposable
{
    /// <summary>The named <see cref="HttpClient"/> used to fetch discovery documents and keys.</summary>
    public const string HttpClientName = "Belfry.AspNetCore.Oidc";

    private readonly string _issuer;
    private readonly string _audience;
    private readonly TimeSpan _clockSkew;
    private readonly TimeProvider _timeProvider;
    private readonly IssuerKeySource _keys;
    private readonly JsonWebTokenHandler _handler = new();

    public BatchTokenVerifier(IOptions<BelfryBatchOptions> options, IHttpClientFactory httpClientFactory, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        var settings = options.Value;
        _issuer = settings.Issuer;
        _audience = settings.Audience;
        _clockSkew = settings.TokenClockSkew;
        _timeProvider = timeProvider;
        var retriever = new HttpDocumentRetriever(httpClientFactory.CreateClient(HttpClientName))
        {
            RequireHttps = settings.EffectiveRequireHttpsMetadata,
        };
        _keys = new IssuerKeySource(_issuer, retriever, timeProvider);
    }

    public async Task<VerificationResult> VerifyAsync(string? authorization, CancellationToken cancellationToken)
    {
        if (!TryReadBearer(authorization, out var token))
        {
            return VerificationResult.Unauthorized("missing bearer token");
        }

        if (!_handler.CanReadToken(token))
        {
            return VerificationResult.Unauthorized("malformed token");
        }

        TokenValidationResult result;
        try
        {
            var keys = await _keys.GetKeysAsync(unknownKey: false, cancellationToken).ConfigureAwait(false);
            result = await _handler.ValidateTokenAsync(token, Parameters(keys)).ConfigureAwait(false);
            if (!result.IsValid && result.Exception is SecurityTokenSignatureKeyNotFoundException)
            {
                // An unknown kid: the issuer may have rotated since we cached its keys. Fetch them again (rate-limited,
                // so made-up kids cannot make us hammer the issuer) and try once more.
                keys = await _keys.GetKeysAsync(unknownKey: true, cancellationToken).ConfigureAwait(false);
                result = await _handler.ValidateTokenAsync(token, Parameters(keys)).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The issuer is down or misconfigured and we have no keys yet: not the caller's fault, and worth a retry.
            return VerificationResult.Unavailable("cannot fetch the issuer's signing keys");
        }

        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
        {
            return VerificationResult.Unauthorized(ReasonFor(result.Exception));
        }

        var audiences = jwt.Audiences.ToList();
        if (!audiences.Contains(_audience, StringComparer.Ordinal))
        {
            return VerificationResult.Forbidden(
                audiences.Count == 0 ? "token has no audience" : $"audience \"{audiences[0]}\" does not match");
        }

        return VerificationResult.Verified(jwt);
    }

    public void Dispose() => _keys.Dispose();

    private static bool TryReadBearer(string? authorization, out string token)
    {
        const string Scheme = "Bearer ";
        token = "";
        if (authorization is null || !authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        token = authorization[Scheme.Length..].Trim();
        return token.Length > 0;
    }

    private static string ReasonFor(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => "token expired",
        SecurityTokenNotYetValidException => "token not yet valid",
        SecurityTokenNoExpirationException => "token has no expiry",
        SecurityTokenInvalidLifetimeException => "token lifetime is invalid",
        SecurityTokenInvalidIssuerException invalid => $"issuer \"{invalid.InvalidIssuer}\" is not trusted",
        SecurityTokenInvalidAlgorithmException => "signing algorithm not accepted (RS256 only)",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "invalid signature",
        SecurityTokenMalformedException or ArgumentException => "malformed token",
        _ => "invalid token",
    };

    private TokenValidationParameters Parameters(ICollection<SecurityKey> signingKeys) => new()
    {
        IssuerSigningKeys = signingKeys,
        RequireSignedTokens = true,
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        ValidateIssuer = true,
        ValidIssuer = _issuer,
        IssuerValidator = CheckIssuer,
        ValidateAudience = false,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        LifetimeValidator = CheckLifetime,
    };

    // Lifetime against the injected clock (tests and the banned-API rule both need it), with our skew.
    private bool CheckLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = _timeProvider.GetUtcNow().UtcDateTime;
        if (expires is null)
        {
            throw new SecurityTokenNoExpirationException("The token has no expiry.");
        }

        if (notBefore is { } start && start > now + _clockSkew)
        {
            throw new SecurityTokenNotYetValidException("The token is not valid yet.") { NotBefore = start };
        }

        return expires.Value >= now - _clockSkew
            ? true
            : throw new SecurityTokenExpiredException("The token has expired.") { Expires = expires.Value };
    }

    // The default validator's matching rules are more forgiving than we want; the issuer is compared exactly.
    private string CheckIssuer(string issuer, SecurityToken token, TokenValidationParameters parameters) =>
        string.Equals(issuer, _issuer, StringComparison.Ordinal)
            ? issuer
            : throw new SecurityTokenInvalidIssuerException("The token's issuer is not trusted.") { InvalidIssuer = issuer };
}
