namespace Belfry.Core.Scheduling;

/// <summary>
/// A cron expression evaluated in an IANA time zone (docs/semantics.md). Unix-cron with 5 fields, or 6 with a
/// leading seconds field; macros; day-of-month and day-of-week ORed when both are restricted. All instants in
/// and out are UTC.
/// </summary>
internal sealed class Schedule
{
    // STUB: implemented by the scheduling work; the signatures are the contract.
    private Schedule(string expression, TimeZoneInfo timeZone)
    {
        Expression = expression;
        TimeZone = timeZone;
    }

    public string Expression { get; }

    public TimeZoneInfo TimeZone { get; }

    /// <summary>Parses or throws <see cref="ScheduleFormatException"/> whose message names the field at fault.</summary>
    public static Schedule Parse(string expression, string timeZoneId) => throw new NotImplementedException();

    /// <summary>The first occurrence strictly after <paramref name="after"/>, or null if there is none.</summary>
    public DateTimeOffset? GetNextOccurrence(DateTimeOffset after) => throw new NotImplementedException();

    /// <summary>Occurrences in [<paramref name="fromInclusive"/>, <paramref name="toInclusive"/>], ascending.</summary>
    public IEnumerable<DateTimeOffset> GetOccurrences(DateTimeOffset fromInclusive, DateTimeOffset toInclusive) =>
        throw new NotImplementedException();
}
