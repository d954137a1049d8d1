using System.Globalization;

namespace Belfry.Core.Scheduling;

/// <summary>
/// Explains how DST shaped an occurrence. Cronos decides when a schedule fires (docs/semantics.md, "Time zones
/// and DST"); this is the one place Belfry reasons about transitions, and only to describe Cronos's choice.
/// </summary>
internal static class DstNote
{
    /// <summary>
    /// A note for occurrence <paramref name="utc"/>, or null when the wall-clock time fired as written:
    /// a time skipped by a spring-forward (fired at the end of the gap) or a time the fall-back repeats.
    /// </summary>
    public static string? For(CronUnion cron, TimeZoneInfo zone, DateTimeOffset utc)
    {
        var local = TimeZoneInfo.ConvertTime(utc, zone);

        // Cronos fires a time inside a spring-forward gap at the gap's end, which is the very instant the offset
        // grows. So only an occurrence at such an instant can stand for skipped times; the gap's wall-clock times
        // are [end - jump, end).
        var offsetBefore = utc == DateTimeOffset.MinValue ? local.Offset : zone.GetUtcOffset(utc.AddTicks(-1));
        if (offsetBefore < local.Offset)
        {
            var gapStart = local.DateTime - (local.Offset - offsetBefore);
            var skipped = cron.NextOnWallClock(gapStart, inclusive: true);
            return skipped is { } written && written < local.DateTime
                ? Invariant($"{Clock(written)} does not exist (spring forward); fired at {Clock(local.DateTime)} {local:zzz}")
                : null;
        }

        if (zone.IsAmbiguousTime(local.DateTime))
        {
            // The earlier instant of a repeated wall-clock time carries the larger offset.
            var which = local.Offset == zone.GetAmbiguousTimeOffsets(local.DateTime).Max() ? "first" : "second";
            return Invariant($"{Clock(local.DateTime)} occurs twice (fall back); fired at the {which}, {local:zzz}");
        }

        return null;
    }

    private static string Clock(DateTime wallClock) =>
        wallClock.ToString(wallClock.Second == 0 ? "HH:mm" : "HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
