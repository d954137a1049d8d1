using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using static Belfry.AspNetCore.RunKeys.BelfryHeaders;

namespace Belfry.AspNetCore.RunKeys;

/// <summary>
/// Reads a request's run inputs: from Belfry's signed <c>belfry_*</c> claims alone (<see cref="FromClaims"/>), or, for
/// Google's tokens which carry none, from each claim when present and the plain header otherwise
/// (<see cref="FromHeaders"/>). Which one applies, and whether the request may run at all, is
/// <see cref="Endpoints.RunAdmission"/>'s decision.
/// </summary>
internal static class RunInputReader
{
    /// <summary>Whether the token signs a whole run: a job (<c>belfry_job_name</c> or <c>belfry_job</c>) and its schedule time.</summary>
    public static bool HasSignedRun(JsonWebToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return (Claim(token, JobNameClaim) ?? Claim(token, JobClaim)) is not null && Claim(token, ScheduleTimeClaim) is not null;
    }

    /// <summary>The run as the token signs it; headers are not looked at.</summary>
    public static RunKeyInputs FromClaims(JsonWebToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var fullName = FullName(token);
        return new RunKeyInputs
        {
            JobName = Claim(token, JobClaim) ?? (fullName is null ? null : JobNames.ShortId(fullName)),
            JobFullName = fullName,
            ScheduleTime = Claim(token, ScheduleTimeClaim),
            ScheduleTimeSource = ScheduleTimeClaim,
            TimeZone = Claim(token, TimeZoneClaim),
            Trigger = Claim(token, TriggerClaim),
            ExecutionId = Claim(token, ExecutionClaim),
            Attempt = Attempt(Number(token, AttemptClaim)),
            Epoch = Number(token, EpochClaim),
        };
    }

    /// <summary>Each input from its claim when the token has it, else from the plain (unsigned) header.</summary>
    public static RunKeyInputs FromHeaders(JsonWebToken token, IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(headers);
        var claimedSchedule = Claim(token, ScheduleTimeClaim);
        return new RunKeyInputs
        {
            JobName = Claim(token, JobClaim) ?? Header(headers, JobNameHeader),
            JobFullName = FullName(token),
            ScheduleTime = claimedSchedule ?? Header(headers, ScheduleTimeHeader),
            ScheduleTimeSource = claimedSchedule is null ? ScheduleTimeHeader : ScheduleTimeClaim,
            TimeZone = Claim(token, TimeZoneClaim),
            Trigger = Claim(token, TriggerClaim) ?? Header(headers, TriggerHeader),
            ExecutionId = Claim(token, ExecutionClaim) ?? Header(headers, ExecutionHeader),
            Attempt = Attempt(Number(token, AttemptClaim) ?? Number(Header(headers, AttemptHeader))),
            Epoch = Number(token, EpochClaim) ?? Number(Header(headers, EpochHeader)),
        };
    }

    /// <summary>The caller's service account: <c>email</c>, else <c>sub</c>.</summary>
    public static string? Subject(JsonWebToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Claim(token, "email") ?? Claim(token, "sub");
    }

    /// <summary>
    /// Whether the caller is one of <paramref name="allowed"/>: by <c>email</c> unless the token says it is not verified,
    /// or by <c>sub</c>. Case is ignored (emails are case-insensitive; Google's subjects are digits).
    /// </summary>
    public static bool IsCaller(JsonWebToken token, IEnumerable<string> allowed)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(allowed);
        var verified = !token.TryGetPayloadValue<bool>("email_verified", out var flag) || flag;
        var email = verified ? Claim(token, "email") : null;
        var subject = Claim(token, "sub");
        return allowed.Any(caller =>
            string.Equals(caller.Trim(), email, StringComparison.OrdinalIgnoreCase)
            || string.Equals(caller.Trim(), subject, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A header's trimmed value, or <see langword="null"/> when absent or blank.</summary>
    public static string? Header(IHeaderDictionary headers, string name)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var value = headers[name].ToString();
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    private static string? FullName(JsonWebToken token) =>
        Claim(token, JobNameClaim) is { } name && JobNames.IsFullName(name) ? name : null;

    private static string? Claim(JsonWebToken token, string name) =>
        token.TryGetPayloadValue<string>(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

    private static int? Attempt(long? attempt) => attempt is { } value and <= int.MaxValue ? (int)value : null;

    private static long? Number(JsonWebToken token, string name)
    {
        if (token.TryGetPayloadValue<long>(name, out var number))
        {
            return number;
        }

        return Number(Claim(token, name));
    }

    private static long? Number(string? text) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : null;
}
