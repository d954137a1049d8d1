namespace Belfry.Core.Scheduling;

/// <summary>
/// A cron expression evaluated in an IANA time zone (docs/semantics.md). Unix-cron with 5 fields, or 6 with a
/// leading seconds field; macros; day-of-month and day-of-week ORed when both are restricted. All instants in
/// and out are UTC.
/// </summary>
internal sealed class Schedule
{
    // Cronos works on local ticks, so searching from the last day or two of year 9999 can overflow DateTime in
    // zones east of UTC. Nothing is searched for past this instant.
    private static readonly DateTimeOffset LastSearchable = DateTimeOffset.MaxValue.AddDays(-2);

    private readonly CronUnion _cron;

    private Schedule(string expression, TimeZoneInfo timeZone, CronUnion cron)
    {
        Expression = expression;
        TimeZone = timeZone;
        _cron = cron;
    }

    /// <summary>The expression as given to <see cref="Parse"/>.</summary>
    public string Expression { get; }

    public TimeZoneInfo TimeZone { get; }

    /// <summary>True when day-of-month and day-of-week are both restricted, so either one matching fires.</summary>
    public bool OrsDayFields => _cron.OrsDayFields;

    /// <summary>Parses or throws <see cref="ScheduleFormatException"/> whose message names the field at fault.</summary>
    public static Schedule Parse(string expression, string timeZoneId)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(timeZoneId);
        var cron = CronUnion.Parse(expression);
        return new Schedule(expression, TimeZones.Find(timeZoneId), cron);
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>, or null if there is none.</summary>
    public DateTimeOffset? GetNextOccurrence(DateTimeOffset after) => Find(after, inclusive: false);

    /// <summary>Occurrences in [<paramref name="fromInclusive"/>, <paramref name="toInclusive"/>], ascending.</summary>
    /// <remarks>Lazy; an empty range (from after to) yields nothing.</remarks>
    public IEnumerable<DateTimeOffset> GetOccurrences(DateTimeOffset fromInclusive, DateTimeOffset toInclusive)
    {
        var next = Find(fromInclusive, inclusive: true);
        while (next is { } occurrence && occurrence <= toInclusive)
        {
            yield return occurrence;
            next = Find(occurrence, inclusive: false);
        }
    }

    /// <summary>
    /// Occurrence <paramref name="occurrence"/> (an instant this schedule yields) in UTC and local time, with a note
    /// when DST moved or repeated its wall-clock time.
    /// </summary>
    public ScheduleOccurrence Describe(DateTimeOffset occurrence)
    {
        var utc = occurrence.ToUniversalTime();
        return new ScheduleOccurrence(utc, TimeZoneInfo.ConvertTime(utc, TimeZone), DstNote.For(_cron, TimeZone, utc));
    }

    /// <summary>The next <paramref name="count"/> occurrences strictly after <paramref name="after"/>, described.</summary>
    public IEnumerable<ScheduleOccurrence> DescribeNext(DateTimeOffset after, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return GetOccurrencesAfter(after).Take(count).Select(Describe);
    }

    private IEnumerable<DateTimeOffset> GetOccurrencesAfter(DateTimeOffset after)
    {
        var next = Find(after, inclusive: false);
        while (next is { } occurrence)
        {
            yield return occurrence;
            next = Find(occurrence, inclusive: false);
        }
    }

    private DateTimeOffset? Find(DateTimeOffset from, bool inclusive) =>
        from > LastSearchable ? null : _cron.Next(from, TimeZone, inclusive)?.ToUniversalTime();
}
