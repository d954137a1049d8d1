namespace Belfry.Core.Scheduling;

/// <summary>
/// One fire time of a <see cref="Schedule"/> as <c>belfry cron next</c> shows it: the instant in UTC, the same
/// instant with the zone's offset, and a note when DST moved or repeated the wall-clock time (null otherwise).
/// </summary>
internal sealed record ScheduleOccurrence(DateTimeOffset Utc, DateTimeOffset Local, string? DstNote);
