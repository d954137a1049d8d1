using System.CommandLine;
using System.Globalization;
using Belfry.Cli.Commands;
using Belfry.Cli.Output;
using Belfry.Core.Scheduling;

namespace Belfry.Cli.Cron;

/// <summary>
/// <c>belfry cron next "0 2 * * *" --time-zone=America/New_York -n 5 [--after=…] [--format=json]</c>: the next
/// fire times in local time and UTC, each DST adjustment noted (docs: "Time zones and DST"). No server involved.
/// </summary>
internal static class CronNextCommand
{
    public const int DefaultCount = 5;
    public const int MaxCount = 10_000;

    public static Command Create(CliEnvironment environment)
    {
        var expression = new Argument<string>("SCHEDULE")
        {
            Description = "A unix-cron expression, e.g. \"0 2 * * *\" (a leading seconds field and macros such as @daily are accepted).",
        };
        var timeZone = new Option<string>("--time-zone")
        {
            Description = "The time zone (tz database name) the schedule is evaluated in, e.g. America/New_York. Default: Etc/UTC.",
            HelpName = "TIME_ZONE",
            DefaultValueFactory = _ => "Etc/UTC",
        };
        var count = new Option<int?>("-n", "--count")
        {
            Description = $"How many fire times to print (1 to {MaxCount}). Default: {DefaultCount}.",
            HelpName = "N",
            CustomParser = FlagParsers.NonNegativeInt,
        };
        var after = new Option<string?>("--after")
        {
            Description = "Print fire times strictly after this instant (RFC 3339, e.g. 2027-03-13T00:00:00Z). Default: now.",
            HelpName = "TIMESTAMP",
        };
        var format = new Option<OutputFormat?>("--format")
        {
            Description = "Output format: table (default), json or yaml. JSON has one object per fire time: utc, local, and dst when adjusted.",
            HelpName = "FORMAT",
            CustomParser = OutputFormatParser.Parse,
        };

        var command = new Command("next", "Print a schedule's next fire times in local time and UTC, marking DST adjustments.")
        {
            expression, timeZone, count, after, format,
        };
        command.SetAction((parseResult, cancellationToken) => ActionRunner.RunAsync(parseResult, environment, async _ =>
        {
            var n = parseResult.GetValue(count) ?? DefaultCount;
            if (n is < 1 or > MaxCount)
            {
                throw new CliUsageException($"argument {count.Name}: expected 1 to {MaxCount}, got {n}");
            }

            var from = ParseAfter(parseResult.GetValue(after), after.Name) ?? environment.Time.GetUtcNow();
            var zone = parseResult.GetRequiredValue(timeZone);
            var schedule = ParseSchedule(parseResult.GetRequiredValue(expression), zone, timeZone.Name);
            var fires = schedule.DescribeNext(from, n).ToList();
            if (fires.Count == 0)
            {
                await environment.Error.WriteLineAsync(
                    $"The schedule never fires after {CronNextFormatter.Utc(from)}.").ConfigureAwait(false);
            }

            var text = (parseResult.GetValue(format) ?? OutputFormat.Table) switch
            {
                OutputFormat.Json => JsonPrinter.Format(CronNextFormatter.ToJson(fires), sortKeys: false),
                OutputFormat.Yaml => YamlPrinter.Format(CronNextFormatter.ToJson(fires)),
                _ => fires.Count == 0 ? null : CronNextFormatter.Table(fires, zone),
            };
            if (text is not null)
            {
                await environment.Out.WriteLineAsync(text).ConfigureAwait(false);
            }

            return 0;
        }, cancellationToken));
        return command;
    }

    private static DateTimeOffset? ParseAfter(string? text, string flag)
    {
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value.ToUniversalTime()
            : throw new CliUsageException($"argument {flag}: invalid timestamp \"{text}\"; expected RFC 3339 such as 2027-03-13T00:00:00Z");
    }

    private static Schedule ParseSchedule(string expression, string zone, string zoneFlag)
    {
        try
        {
            return Schedule.Parse(expression, zone);
        }
        catch (ScheduleFormatException e)
        {
            var message = e.Message.StartsWith(e.Field + ": ", StringComparison.Ordinal) ? e.Message[(e.Field.Length + 2)..] : e.Message;
            var argument = e.Field == "timeZone" ? zoneFlag : "SCHEDULE";
            throw new CliUsageException($"argument {argument}: {message}");
        }
    }
}
