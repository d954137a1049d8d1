using System.CommandLine;
using System.Text.Json.Nodes;
using Belfry.Cli.Commands;
using Belfry.Cli.Output;
using Belfry.Cli.Scheduler;

namespace Belfry.Cli.Reports;

/// <summary>
/// <c>belfry report [--days=7] [--time-zone=ZONE] [--format=table|json|csv]</c>: the article's BigQuery success-rate
/// query, answered by the server from its store (<c>GET …/jobs:report</c>, docs/observability.md).
/// </summary>
internal static class ReportCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var options = new SchedulerOptions(environment);
        var session = new CliSession(environment, options);
        var days = new Option<int?>("--days")
        {
            Description = "Today and this many dates before it, as the article's DATE_SUB(CURRENT_DATE(zone), INTERVAL 7 DAY). Default: 7; at most 366.",
            HelpName = "DAYS",
            CustomParser = FlagParsers.NonNegativeInt,
        };
        var timeZone = new Option<string?>("--time-zone")
        {
            Description = "The IANA time zone the dates are counted in (a run's date is its schedule time's date there). Default: UTC.",
            HelpName = "TIME_ZONE",
        };
        var format = new Option<string?>("--format")
        {
            Description = "Output format: table (default), json (the server's answer) or csv (a header row, then one row per job).",
            HelpName = "FORMAT",
            CustomParser = r => FlagParsers.Choice(r, "table", "json", "csv"),
        };
        var command = new Command("report",
            "Per job of the location: runs (finished executions scheduled in the window), successes, success rate (%, one decimal), " +
            "average and 95th percentile duration (first attempt's start to finish) and the last failure. Outstanding executions are not counted.")
        {
            options.Project, options.Location, options.Endpoint, options.AdminTokenFile, days, timeZone, format,
        };
        command.SetAction((parseResult, cancellationToken) => session.RunAsync(parseResult, async (client, ct) =>
        {
            var answer = await client.GetRunReportAsync(
                session.Location(parseResult), parseResult.GetValue(days), parseResult.GetValue(timeZone), ct).ConfigureAwait(false);
            var jobs = answer["jobs"] is JsonArray array ? array.OfType<JsonNode>().ToList() : [];
            var text = parseResult.GetValue(format) switch
            {
                "json" => JsonPrinter.Format(answer),
                "csv" => ReportTable.Csv(jobs),
                _ => ReportTable.Format(jobs),
            };
            if (parseResult.GetValue(format) is null or "table")
            {
                // The window on stderr, so stdout stays the table alone.
                await environment.Error.WriteLineAsync(
                    $"Runs scheduled from {answer["startDate"]} ({answer["timeZone"]}, {answer["startTime"]}) on.").ConfigureAwait(false);
                if (jobs.Count == 0)
                {
                    await environment.Error.WriteLineAsync("Listed 0 items.").ConfigureAwait(false);
                    return 0;
                }
            }

            await environment.Out.WriteAsync(text).ConfigureAwait(false);
            if (!text.EndsWith('\n'))
            {
                await environment.Out.WriteLineAsync().ConfigureAwait(false);
            }

            return 0;
        }, cancellationToken));
        return command;
    }
}
