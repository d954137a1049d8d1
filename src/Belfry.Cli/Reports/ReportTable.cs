using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Belfry.Cli.Output;
using Belfry.Contracts.Reports;
using Belfry.Contracts.Serialization;
using Belfry.Server.Api.Reports;

namespace Belfry.Cli.Reports;

/// <summary>
/// The report's lines under the article's column names (<c>job_name, total_runs, success_count, success_rate_pct,
/// avg_duration_sec</c>) plus the 95th percentile and the last failure: a table, or CSV with a header row.
/// </summary>
internal static class ReportTable
{
    private static readonly string[] Columns =
        ["job_name", "total_runs", "success_count", "success_rate_pct", "avg_duration_sec", "p95_duration_sec", "last_failure_time", "last_failure"];

    public static string Format(IReadOnlyList<JsonNode> jobs) =>
        TableWriter.Format([.. Columns.Select(c => c.ToUpperInvariant())], Rows(jobs).Select(r => (IReadOnlyList<string>)[.. r.Select(v => v ?? "")]));

    public static string Csv(IReadOnlyList<JsonNode> jobs)
    {
        var text = CsvLine.Append(new StringBuilder(), Columns);
        foreach (var row in Rows(jobs))
        {
            CsvLine.Append(text, row);
        }

        return text.ToString();
    }

    private static IEnumerable<string?[]> Rows(IReadOnlyList<JsonNode> jobs)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        foreach (var line in jobs.Select(j => j.Deserialize(BelfryJsonContext.Lenient.JobRunReport) ?? new JobRunReport()))
        {
            yield return
            [
                JobId(line.Job),
                line.Runs.ToString(CultureInfo.InvariantCulture),
                line.Successes.ToString(CultureInfo.InvariantCulture),
                line.SuccessRate.ToString("0.0", CultureInfo.InvariantCulture),
                Seconds(line.AverageDuration),
                Seconds(line.P95Duration),
                line.LastFailureTime is { } time ? UtcTimestampConverter.Format(time) : null,
                line.LastFailureMessage,
            ];
        }
    }

    /// <summary>The job's id, what the article's <c>job_name</c> holds: the name after <c>/jobs/</c>.</summary>
    private static string JobId(string? name)
    {
        var at = name?.IndexOf("/jobs/", StringComparison.Ordinal) ?? -1;
        return at < 0 ? name ?? "" : name![(at + "/jobs/".Length)..];
    }

    /// <summary>A protobuf duration (<c>"18.0833333s"</c>) as its number of seconds.</summary>
    private static string? Seconds(string? duration) => duration is [.. var seconds, 's'] ? seconds : duration;
}
