using System.Globalization;

namespace Belfry.Core.Scheduling;

/// <summary>
/// How a schedule time reaches a target: RFC 3339 without a fraction, in the job's UTC offset at that instant, as
/// Cloud Scheduler's <c>X-CloudScheduler-ScheduleTime</c>. Both the header and the signed <c>belfry_schedule_time</c>
/// claim use it, so a target's run key is the same whichever it reads.
/// </summary>
internal static class ScheduleTimeFormat
{
    public static string Format(DateTimeOffset instant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }
}
