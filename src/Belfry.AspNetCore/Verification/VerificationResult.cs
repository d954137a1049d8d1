using Microsoft.IdentityModel.JsonWebTokens;

namespace Belfry.AspNetCore.Verification;

/// <summary>
/// The verdict on a request's bearer token. <see cref="Reason"/> is safe to send back and to log: it never contains
/// the token. <see cref="Token"/> is set only when <see cref="VerificationOutcome.Verified"/>.
/// </summary>
internal sealed record VerificationResult(VerificationOutcome Outcome, string Reason, JsonWebToken? Token)
{
    public static VerificationResult Verified(JsonWebToken token) => new(VerificationOutcome.Verified, "", token);

    public static VerificationResult Unauthorized(string reason) => new(VerificationOutcome.Unauthorized, reason, null);

    public static VerificationResult Forbidden(string reason) => new(VerificationOutcome.Forbidden, reason, null);

    public static VerificationResult Unavailable(string reason) => new(VerificationOutcome.Unavailable, reason, null);
}
