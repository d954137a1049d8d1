using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using static Belfry.AspNetCore.RunKeys.BelfryHeaders;

namespace Belfry.AspNetCore.RunKeys;

/// <summary>
/// Collects a request's run inputs: each from Belfry's signed <c>belfry_*</c> claim when the token has it, else from the
/// plain header (Google Cloud Scheduler's tokens carry no such claims, only the <c>X-CloudScheduler-*</c> headers).
/// </summary>
internal static class RunInputReader
{
    public static RunKeyInputs Read(JsonWebToken token, IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(headers);
        var claimedSchedule = Claim(token, ScheduleTimeClaim);
        return new RunKeyInputs
        {
            JobName = Claim(token, JobClaim) ?? Header(headers, JobNameHeader),
            ScheduleTime = claimedSchedule ?? Header(headers, ScheduleTimeHeader),
            ScheduleTimeSource = claimedSchedule is null ? ScheduleTimeHeader : ScheduleTimeClaim,
            TimeZone = Claim(token, TimeZoneClaim),
            Trigger = Claim(token, TriggerClaim) ?? Header(headers, TriggerHeader),
            ExecutionId = Claim(token, ExecutionClaim) ?? Header(headers, ExecutionHeader),
            Attempt = (Number(token, AttemptClaim) ?? Number(Header(headers, AttemptHeader))) is { } attempt and <= int.MaxValue
                ? (int)attempt
                : null,
            Epoch = Number(token, EpochClaim) ?? Number(Header(headers, EpochHeader)),
        };
    }

    /// <summary>The caller's service account: <c>email</c>, else <c>sub</c>.</summary>
    public static string? Subject(JsonWebToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Claim(token, "email") ?? Claim(token, "sub");
    }

    private static string? Claim(JsonWebToken token, string name) =>
        token.TryGetPayloadValue<string>(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

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

    private static string? Header(IHeaderDictionary headers, string name)
    {
        var value = headers[name].ToString();
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}
