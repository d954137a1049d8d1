using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Belfry.AspNetCore.RunKeys;

/// <summary>
/// Turns what a request says into its logical run: pure, no clock but the <c>now</c> it is given (used only when the
/// request carries no schedule time at all). The date comes from the schedule time in the job's zone, never from the
/// target's clock: the seed article's <c>date.today()</c> makes a retry after midnight process the wrong day.
/// </summary>
internal static class RunKeyCalculator
{
    private static readonly string[] Rfc3339Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    /// <summary>Computes the run, or explains why the request's schedule time is unusable.</summary>
    public static bool TryCompute(
        RunKeyInputs inputs,
        string fallbackJobName,
        RunKeyGranularity granularity,
        TimeZoneInfo defaultZone,
        DateTimeOffset now,
        out RunIdentity? run,
        out string? error)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(defaultZone);
        run = null;
        error = null;
        var shortName = string.IsNullOrWhiteSpace(inputs.JobName) ? fallbackJobName : inputs.JobName.Trim();
        var jobName = inputs.JobFullName ?? shortName;
        var namedZone = FindZone(inputs.TimeZone);
        var trigger = ParseTrigger(inputs.Trigger);

        DateTimeOffset local;
        TimeZoneInfo zone;
        if (string.IsNullOrWhiteSpace(inputs.ScheduleTime))
        {
            // A call with no schedule time anywhere (curl with a token): the run is "now", and it says so in the ledger.
            zone = namedZone ?? defaultZone;
            local = TimeZoneInfo.ConvertTime(now, zone);
            trigger = BatchTrigger.Manual;
        }
        else if (TryParseRfc3339(inputs.ScheduleTime, out var scheduleTime))
        {
            if (scheduleTime > inputs.NotAfter)
            {
                error = $"{inputs.ScheduleTimeSource} \"{Shorten(inputs.ScheduleTime)}\" is in the future; only a signed schedule time may be";
                return false;
            }

            // A zone claim wins; otherwise the schedule time's own offset is the zone (Cloud Scheduler sends no zone).
            zone = namedZone ?? FixedOffsetZone(scheduleTime.Offset);
            local = TimeZoneInfo.ConvertTime(scheduleTime, zone);
        }
        else
        {
            error = $"{inputs.ScheduleTimeSource} \"{Shorten(inputs.ScheduleTime)}\" is not an RFC 3339 time with an offset";
            return false;
        }

        var runKey = Format(local, granularity);
        run = new RunIdentity(
            jobName,
            JobIdOf(jobName, runKey),
            runKey,
            DateOnly.FromDateTime(local.DateTime),
            local,
            zone,
            trigger,
            inputs.ExecutionId,
            inputs.Attempt,
            inputs.Epoch,
            shortName);
        return true;
    }

    /// <summary>The run key of a local schedule time; every key but the day carries the offset (see below).</summary>
    /// <remarks>
    /// On a DST fall-back the same local hour happens twice (America/New_York, 2027-11-07):
    /// <code>
    ///   01:30-04:00 (EDT) → "2027-11-07T01-04:00"
    ///   01:30-05:00 (EST) → "2027-11-07T01-05:00"   a different hour of real time, so a different run
    /// </code>
    /// A day key has no offset: the whole local date is one run, however many hours it has.
    /// </remarks>
    public static string Format(DateTimeOffset local, RunKeyGranularity granularity) => granularity switch
    {
        RunKeyGranularity.Day => local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        RunKeyGranularity.Hour => local.ToString("yyyy-MM-dd'T'HH", CultureInfo.InvariantCulture) + FormatOffset(local.Offset),
        RunKeyGranularity.Minute => local.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture) + FormatOffset(local.Offset),
        RunKeyGranularity.Exact => local.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + FormatOffset(local.Offset),
        _ => throw new ArgumentOutOfRangeException(nameof(granularity), granularity, "Unknown run key granularity."),
    };

    /// <summary>Parses an RFC 3339 date-time; an explicit offset (or Z) is required, since a bare local time is ambiguous.</summary>
    public static bool TryParseRfc3339(string text, out DateTimeOffset value)
    {
        value = default;
        var trimmed = text.Trim();
        var hasOffset = trimmed.Length > 6
            && (trimmed[^1] is 'Z' or 'z' || (trimmed[^6] is '+' or '-' && trimmed[^3] == ':'));
        return hasOffset
            && DateTimeOffset.TryParseExact(
                trimmed.ToUpperInvariant(), Rfc3339Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    /// <summary>The seed article's <c>job_id</c>: the first 16 hex digits of SHA-256("{job}:{runKey}").</summary>
    public static string JobIdOf(string jobName, string runKey)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(jobName + ":" + runKey));
        return Convert.ToHexStringLower(hash)[..16];
    }

    private static string FormatOffset(TimeSpan offset)
    {
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var absolute = offset.Duration();
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{absolute.Hours:00}:{absolute.Minutes:00}");
    }

    private static TimeZoneInfo? FindZone(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var zone) ? zone : null;

    private static TimeZoneInfo FixedOffsetZone(TimeSpan offset)
    {
        if (offset == TimeSpan.Zero)
        {
            return TimeZoneInfo.Utc;
        }

        var name = "UTC" + FormatOffset(offset);
        return TimeZoneInfo.CreateCustomTimeZone(name, offset, name, name);
    }

    private static BatchTrigger ParseTrigger(string? trigger) => trigger?.Trim().ToUpperInvariant() switch
    {
        "MANUAL" => BatchTrigger.Manual,
        "CATCH_UP" or "CATCHUP" => BatchTrigger.CatchUp,
        _ => BatchTrigger.Scheduled,
    };

    private static string Shorten(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
