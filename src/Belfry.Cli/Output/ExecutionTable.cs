using System.Globalization;
using Belfry.Cli.Scheduler;
using Belfry.Contracts.Executions;
using Belfry.Contracts.Serialization;
using Belfry.Core.Scheduling;

namespace Belfry.Cli.Output;

/// <summary>
/// <c>jobs executions</c> as a table: one row per attempt, the execution's columns filled on its first attempt's
/// row only, so each execution reads as a block. An execution without attempts yet is one row with dashes. Times are
/// in the job's zone with its offset (as <c>X-CloudScheduler-ScheduleTime</c>), durations short (<c>85ms</c>,
/// <c>1.2s</c>, <c>3m05s</c>), and ERROR is the attempt's status message (<c>HTTP 500: boom</c>).
/// </summary>
internal static class ExecutionTable
{
    private static readonly string[] Headers =
        ["SCHEDULE_TIME", "TRIGGER", "STATE", "ATTEMPT", "START_TIME", "HTTP_STATUS", "DURATION", "ERROR"];

    /// <param name="executions">The executions, newest first.</param>
    /// <param name="timeZone">The job's IANA zone; null (or unknown here) shows UTC.</param>
    public static string Format(IEnumerable<ExecutionResource> executions, string? timeZone = null)
    {
        ArgumentNullException.ThrowIfNull(executions);
        var zone = Zone(timeZone);
        return TableWriter.Format(Headers, executions.SelectMany(e => Rows(e, zone)));
    }

    /// <summary><c>85ms</c> under a second, <c>1.2s</c> under a minute, <c>3m05s</c> beyond.</summary>
    public static string ShortDuration(TimeSpan duration)
    {
        var milliseconds = Math.Round(duration.TotalMilliseconds, MidpointRounding.AwayFromZero);
        if (milliseconds < 1000)
        {
            return $"{milliseconds.ToString("0", CultureInfo.InvariantCulture)}ms";
        }

        var seconds = Math.Round(duration.TotalSeconds, 1, MidpointRounding.AwayFromZero);
        if (seconds < 60)
        {
            return $"{seconds.ToString("0.0", CultureInfo.InvariantCulture)}s";
        }

        var whole = (long)Math.Round(duration.TotalSeconds, MidpointRounding.AwayFromZero);
        return string.Create(CultureInfo.InvariantCulture, $"{whole / 60}m{whole % 60:00}s");
    }

    private static IEnumerable<string[]> Rows(ExecutionResource execution, TimeZoneInfo? zone)
    {
        string[] head = [Time(execution.ScheduleTime, zone), execution.Trigger ?? string.Empty, execution.State ?? string.Empty];
        if (execution.Attempts.Count == 0)
        {
            yield return [.. head, "-", "-", "-", "-", string.Empty];
            yield break;
        }

        var first = true;
        foreach (var attempt in execution.Attempts)
        {
            string[] prefix = first ? head : [string.Empty, string.Empty, string.Empty];
            yield return
            [
                .. prefix,
                attempt.Number.ToString(CultureInfo.InvariantCulture),
                Time(attempt.StartTime, zone),
                attempt.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? "-",
                Duration(attempt.Duration),
                attempt.Error ?? string.Empty,
            ];
            first = false;
        }
    }

    private static string Duration(string? wire) =>
        DurationParser.TryParse(wire, out var duration) ? ShortDuration(duration.Value) : wire ?? "-";

    private static string Time(DateTimeOffset? time, TimeZoneInfo? zone) => time switch
    {
        null => "-",
        { } t when zone is not null => ScheduleTimeFormat.Format(t, zone),
        { } t => UtcTimestampConverter.Format(t),
    };

    private static TimeZoneInfo? Zone(string? timeZone)
    {
        if (timeZone is null)
        {
            return null;
        }

        try
        {
            return TimeZones.Find(timeZone);
        }
        catch (ScheduleFormatException)
        {
            return null;
        }
    }
}
