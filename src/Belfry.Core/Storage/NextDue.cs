namespace Belfry.Core.Storage;

/// <summary>
/// When something next becomes due in the store: <see cref="ScheduleTime"/>, the earliest Enabled job's schedule
/// time (the dispatcher arms jobs ahead of it); <see cref="Other"/>, the earliest pipeline schedule time, retry or
/// lease expiry.
/// </summary>
internal sealed record NextDue(DateTimeOffset? ScheduleTime, DateTimeOffset? Other)
{
    public DateTimeOffset? Earliest => ScheduleTime is { } schedule && Other is { } other ? (schedule < other ? schedule : other) : ScheduleTime ?? Other;
}
