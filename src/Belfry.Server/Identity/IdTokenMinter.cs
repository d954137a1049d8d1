using Belfry.Core.Executions;
using Belfry.Core.Scheduling;
using Belfry.Core.Storage;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Belfry.Server.Identity;

/// <summary>
/// Mints Belfry's OIDC identity tokens: RS256 JWTs signed with the ring's current key, valid for one hour from the
/// injected clock, with the claims of docs/identity.md. Attempt tokens carry the signed run claims, so a target can
/// trust its run key without trusting plain headers. Tokens are never logged.
/// </summary>
internal sealed class IdTokenMinter(SigningKeyRing keys, IssuerUrl issuer, TimeProvider time)
{
    /// <summary>Every token's lifetime, as Google's identity tokens.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    // The handler would otherwise stamp nbf/iat/exp from the wall clock; we set iat and exp from TimeProvider.
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>The token for one attempt: <c>aud</c> is the job's audience, or its target URI, exactly.</summary>
    public Task<string> MintForAttemptAsync(ClaimedAttempt claim, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(zone);
        var job = claim.Job;
        var oidc = job.HttpTarget.OidcToken ?? throw new ArgumentException("The job has no oidcToken.", nameof(claim));
        var execution = claim.Execution;
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [BelfryClaims.Job] = job.Name.JobId,
            [BelfryClaims.JobName] = job.Name.TargetName,
            [BelfryClaims.ScheduleTime] = ScheduleTimeFormat.Format(execution.ScheduleTime, zone),
            [BelfryClaims.TimeZone] = job.TimeZone,
            [BelfryClaims.Execution] = execution.Id,
            [BelfryClaims.Attempt] = claim.AttemptNumber,
            [BelfryClaims.Epoch] = claim.Epoch,
            [BelfryClaims.Trigger] = TriggerName(execution.Trigger),
        };
        if (claim.Step is { } step)
        {
            claims[BelfryClaims.Pipeline] = step.Pipeline.PipelineId;
            claims[BelfryClaims.PipelineRun] = step.RunId;
            claims[BelfryClaims.Step] = step.StepId;
        }

        var audience = string.IsNullOrEmpty(oidc.Audience) ? job.HttpTarget.Uri : oidc.Audience;
        return MintAsync(oidc.ServiceAccountEmail, audience, includeEmail: true, claims, cancellationToken);
    }

    /// <summary>
    /// A token for a manual call (<c>:generateIdToken</c>, <c>belfry auth print-identity-token</c>): no job claims,
    /// trigger <c>manual</c>; <c>email</c> and <c>email_verified</c> only when <paramref name="includeEmail"/>, as Google's.
    /// </summary>
    public Task<string> MintForCallerAsync(string serviceAccountEmail, string audience, bool includeEmail, CancellationToken cancellationToken)
    {
        var claims = new Dictionary<string, object>(StringComparer.Ordinal) { [BelfryClaims.Trigger] = "manual" };
        return MintAsync(serviceAccountEmail, audience, includeEmail, claims, cancellationToken);
    }

    public static string TriggerName(ExecutionTrigger trigger) => trigger switch
    {
        ExecutionTrigger.Manual => "manual",
        ExecutionTrigger.CatchUp => "catch_up",
        _ => "scheduled",
    };

    private async Task<string> MintAsync(
        string serviceAccountEmail, string audience, bool includeEmail, Dictionary<string, object> claims, CancellationToken cancellationToken)
    {
        var key = await keys.GetCurrentAsync(cancellationToken).ConfigureAwait(false);

        // Whole seconds, so exp - iat is exactly the lifetime.
        var now = time.GetUtcNow();
        var issuedAt = now.AddTicks(-(now.UtcTicks % TimeSpan.TicksPerSecond));
        claims[BelfryClaims.Subject] = serviceAccountEmail;
        if (includeEmail)
        {
            claims[BelfryClaims.Email] = serviceAccountEmail;
            claims[BelfryClaims.EmailVerified] = true;
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer.Value,
            Audience = audience,
            IssuedAt = issuedAt.UtcDateTime,
            Expires = (issuedAt + Lifetime).UtcDateTime,
            Claims = claims,
            TokenType = JwtConstants.HeaderType,
            SigningCredentials = new SigningCredentials(key.SecurityKey, RsaSigningKeys.Algorithm),
        };
        return Handler.CreateToken(descriptor);
    }
}
