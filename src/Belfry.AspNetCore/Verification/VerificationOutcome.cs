namespace Belfry.AspNetCore.Verification;

/// <summary>How a request's token fared: accepted, refused (401 or 403), or not checkable now (503).</summary>
internal enum VerificationOutcome
{
    Verified,
    Unauthorized,
    Forbidden,
    Unavailable,
}
