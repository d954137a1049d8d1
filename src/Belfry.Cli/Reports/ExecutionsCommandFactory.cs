using System.CommandLine;
using Belfry.Cli.Commands;
using Belfry.Cli.Scheduler;

namespace Belfry.Cli.Reports;

/// <summary>
/// <c>belfry executions export --since=TIME [--until=TIME] [--format=ndjson|csv]</c>: a location's finished executions
/// as rows of the article's <c>job_executions</c> table, streamed from <c>GET …/executions:export</c> to stdout.
/// </summary>
internal static class ExecutionsCommandFactory
{
    public static Command Create(CliEnvironment environment)
    {
        var options = new SchedulerOptions(environment);
        var session = new CliSession(environment, options);
        var since = new Option<string>("--since")
        {
            Description = "Export executions that finished at or after this time: RFC 3339 (2030-01-15T00:00:00Z); without an offset, or a bare date, it is UTC.",
            HelpName = "TIME",
            Required = true,
            CustomParser = FlagParsers.NonEmpty,
        };
        var until = new Option<string?>("--until")
        {
            Description = "Only those that finished before this time (default: now); a next export from this time repeats and misses no row.",
            HelpName = "TIME",
            CustomParser = FlagParsers.NonEmpty,
        };
        var format = new Option<string?>("--format")
        {
            Description = "ndjson (default: one JSON object per line, BigQuery's NEWLINE_DELIMITED_JSON) or csv (RFC 4180 with a header row).",
            HelpName = "FORMAT",
            CustomParser = r => FlagParsers.Choice(r, "ndjson", "csv"),
        };
        var export = new Command("export",
            "Write the location's finished executions (SUCCEEDED or FAILED), by finish time, in the columns of the article's job_executions " +
            "table: execution_id, job, job_name, run_date (in the job's time zone), status (success, failed), started_at, finished_at, " +
            "duration (seconds from the first attempt's start), error_msg. Streams: the output is written as the server reads it, a page at a time.")
        {
            since, until, format,
        };
        export.SetAction((parseResult, cancellationToken) => session.RunAsync(parseResult, async (client, ct) =>
        {
            await client.ExportExecutionsAsync(session.Location(parseResult), parseResult.GetRequiredValue(since), parseResult.GetValue(until),
                parseResult.GetValue(format) ?? "ndjson", environment.Out, ct).ConfigureAwait(false);
            return 0;
        }, cancellationToken));

        var command = new Command("executions", "Read executions across a location's jobs (Belfry only).")
        {
            options.Project, options.Location, options.Endpoint, options.AdminTokenFile, export,
        };
        return command;
    }
}
