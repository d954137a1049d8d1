using Belfry.Contracts.Executions;
using Belfry.Contracts.Serialization;

namespace Belfry.Cli.Output;

/// <summary>
/// <c>jobs executions</c> as a table: one row per attempt, the execution's columns filled on its first attempt's
/// row only, so each execution reads as a block. An execution without attempts yet is one row with dashes.
/// </summary>
internal static class ExecutionTable
{
    private static readonly string[] Headers =
        ["SCHEDULE_TIME", "TRIGGER", "STATE", "ATTEMPT", "START_TIME", "HTTP_STATUS", "DURATION", "ERROR"];

    public static string Format(IEnumerable<ExecutionResource> executions)
    {
        ArgumentNullException.ThrowIfNull(executions);
        return TableWriter.Format(Headers, executions.SelectMany(Rows));
    }

    private static IEnumerable<string[]> Rows(ExecutionResource execution)
    {
        string[] head = [Time(execution.ScheduleTime), execution.Trigger ?? string.Empty, execution.State ?? string.Empty];
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
                attempt.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Time(attempt.StartTime),
                attempt.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",
                attempt.Duration ?? "-",
                attempt.Error ?? string.Empty,
            ];
            first = false;
        }
    }

    private static string Time(DateTimeOffset? time) => time is { } t ? UtcTimestampConverter.Format(t) : "-";
}
