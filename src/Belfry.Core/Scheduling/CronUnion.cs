using Cronos;

namespace Belfry.Core.Scheduling;

/// <summary>
/// The Cronos expressions behind one cron string: one, or two when day-of-month and day-of-week are both
/// restricted. Cronos ANDs those two fields; Vixie cron, and so Cloud Scheduler, ORs them (<c>0 8 1 * 1</c> is
/// "the 1st, and every Monday"). Each day field therefore gets an expression of its own and the earlier
/// occurrence wins. See docs/semantics.md, "Cron format".
/// </summary>
internal sealed class CronUnion
{
    // Cronos starts every parse error with this sentence; Belfry's message already says the expression is invalid.
    private const string CronosMessagePrefix = "The given cron expression has an invalid format.";

    // Cronos separates fields by spaces and tabs only; anything else (a newline) stays inside a field and fails.
    private static readonly char[] FieldSeparators = [' ', '\t'];

    private readonly CronExpression[] _expressions;

    private CronUnion(CronExpression[] expressions) => _expressions = expressions;

    /// <summary>True when day-of-month and day-of-week are both restricted and ORed.</summary>
    public bool OrsDayFields => _expressions.Length == 2;

    /// <summary>Parses or throws <see cref="ScheduleFormatException"/> for the <c>schedule</c> field.</summary>
    public static CronUnion Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var fields = expression.Split(FieldSeparators, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length == 0)
        {
            throw new ScheduleFormatException("schedule", "schedule: must not be empty");
        }

        if (EnglishSchedule.Refusal(expression) is { } english)
        {
            throw new ScheduleFormatException("schedule", english);
        }

        if (fields[0].StartsWith('@'))
        {
            // Macros never restrict both day fields. Cronos knows @every_second without the seconds format.
            return new([ParseCronos(expression, string.Join(' ', fields), CronFormat.Standard)]);
        }

        var format = fields.Length switch
        {
            5 => CronFormat.Standard,
            6 => CronFormat.IncludeSeconds,
            _ => throw Invalid(expression, $"expected 5 fields, or 6 with a leading seconds field, but found {fields.Length}"),
        };

        // Parse the expression as written first, so an error names the field the user wrote.
        var whole = ParseCronos(expression, string.Join(' ', fields), format);
        var dayOfMonth = fields.Length - 3;
        var dayOfWeek = fields.Length - 1;
        if (!IsRestricted(fields[dayOfMonth]) || !IsRestricted(fields[dayOfWeek]))
        {
            return new([whole]);
        }

        var monthDays = (string[])fields.Clone();
        monthDays[dayOfWeek] = "*";
        var weekDays = (string[])fields.Clone();
        weekDays[dayOfMonth] = "*";
        return new([
            ParseCronos(expression, string.Join(' ', monthDays), format),
            ParseCronos(expression, string.Join(' ', weekDays), format),
        ]);
    }

    /// <summary>The earliest occurrence of any expression from <paramref name="from"/>, with the zone's offset.</summary>
    public DateTimeOffset? Next(DateTimeOffset from, TimeZoneInfo zone, bool inclusive)
    {
        DateTimeOffset? earliest = null;
        foreach (var expression in _expressions)
        {
            var next = expression.GetNextOccurrence(from, zone, inclusive);
            if (next is { } found && (earliest is null || found < earliest))
            {
                earliest = found;
            }
        }

        return earliest;
    }

    /// <summary>
    /// The earliest wall-clock time matching the fields from <paramref name="local"/>, ignoring any zone: what the
    /// cron fields say, before DST moves it.
    /// </summary>
    public DateTime? NextOnWallClock(DateTime local, bool inclusive)
    {
        // Evaluated in UTC, which has no transitions, so no wall-clock time is skipped or repeated.
        var asUtc = DateTime.SpecifyKind(local, DateTimeKind.Utc);
        DateTime? earliest = null;
        foreach (var expression in _expressions)
        {
            var next = expression.GetNextOccurrence(asUtc, inclusive);
            if (next is { } found && (earliest is null || found < earliest))
            {
                earliest = found;
            }
        }

        return earliest is { } wallClock ? DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified) : null;
    }

    // Vixie cron counts a day field as unrestricted when it starts with '*' (so "*/2" too), and then ANDs the two
    // fields, which is what Cronos does anyway. '?' is Cronos's (and Quartz's) spelling of "any".
    private static bool IsRestricted(string field) => field[0] is not ('*' or '?');

    private static CronExpression ParseCronos(string original, string text, CronFormat format)
    {
        try
        {
            return CronExpression.Parse(text, format);
        }
        catch (CronFormatException ex)
        {
            var reason = ex.Message.StartsWith(CronosMessagePrefix, StringComparison.Ordinal)
                ? ex.Message[CronosMessagePrefix.Length..].TrimStart()
                : ex.Message;
            throw Invalid(original, reason);
        }
    }

    private static ScheduleFormatException Invalid(string expression, string reason) =>
        new("schedule", $"schedule: \"{expression}\" is not a valid cron expression: {reason}");
}
