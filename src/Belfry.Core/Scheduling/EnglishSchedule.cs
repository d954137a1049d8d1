using System.Globalization;
using System.Text.RegularExpressions;

namespace Belfry.Core.Scheduling;

/// <summary>
/// Recognises the English schedules Cloud Scheduler still takes from App Engine's cron (<c>every 5 minutes</c>,
/// <c>every monday 09:00</c>), which Belfry does not run, so the refusal can say so and give the cron expression
/// that fires at the same times when there is one (docs/differences-from-cloud-scheduler.md).
/// </summary>
internal static partial class EnglishSchedule
{
    private static readonly string[] DayNames = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

    /// <summary>The refusal for an English schedule, or null when <paramref name="expression"/> is not one.</summary>
    public static string? Refusal(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var text = string.Join(' ', expression.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
        if (!EnglishStart().IsMatch(text))
        {
            return null;
        }

        var prefix = $"schedule: \"{expression}\" is Cloud Scheduler's English (App Engine cron) form; Belfry takes unix-cron only";
        return ToCron(text) is { } cron
            ? $"{prefix}: use \"{cron}\""
            : $"{prefix} (5 fields: minute hour day-of-month month day-of-week, e.g. \"0 9 * * 1\" for every Monday at 09:00)";
    }

    /// <summary>The unix-cron expression firing at the same times, or null when there is none this simple.</summary>
    public static string? ToCron(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Interval().Match(text) is { Success: true } interval)
        {
            var count = int.Parse(interval.Groups["n"].Value, CultureInfo.InvariantCulture);
            return interval.Groups["unit"].Value.StartsWith('h')
                ? count switch
                {
                    1 => "0 * * * *",
                    24 => "0 0 * * *",
                    > 1 and < 24 when 24 % count == 0 => $"0 */{count} * * *",
                    _ => null,
                }
                : count switch
                {
                    1 => "* * * * *",
                    > 1 and < 60 when 60 % count == 0 => $"*/{count} * * * *",
                    60 => "0 * * * *",
                    _ => null,
                };
        }

        if (Daily().Match(text) is { Success: true } daily)
        {
            var hour = int.Parse(daily.Groups["h"].Value, CultureInfo.InvariantCulture);
            var minute = int.Parse(daily.Groups["m"].Value, CultureInfo.InvariantCulture);
            var days = DaysOfWeek(daily.Groups["days"].Value);
            return hour > 23 || minute > 59 || days is null ? null : $"{minute} {hour} * * {days}";
        }

        return null;
    }

    // "day" → "*"; "monday,wed" → "1,3"; anything else (a month, an ordinal) → null.
    private static string? DaysOfWeek(string days)
    {
        if (days == "day")
        {
            return "*";
        }

        var numbers = new List<int>();
        foreach (var day in days.Split(','))
        {
            var index = Array.FindIndex(DayNames, name => name == day || (day.Length >= 3 && name.StartsWith(day, StringComparison.Ordinal)));
            if (index < 0)
            {
                return null;
            }

            numbers.Add(index);
        }

        return string.Join(',', numbers.Distinct().Order());
    }

    // "every …", or an ordinal one ("1st monday of month 09:00", "first,third mon of jan 12:00").
    [GeneratedRegex(@"^(every\b|((\d+(st|nd|rd|th)|first|second|third|fourth|fifth|last)[ ,]).*\bof\b)", RegexOptions.CultureInvariant)]
    private static partial Regex EnglishStart();

    [GeneratedRegex(@"^every (?<n>\d{1,4}) (?<unit>minutes?|mins?|hours?)( synchronized)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Interval();

    [GeneratedRegex(@"^every (?<days>[a-z]+(,[a-z]+)*) (?<h>\d{1,2}):(?<m>\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Daily();
}
