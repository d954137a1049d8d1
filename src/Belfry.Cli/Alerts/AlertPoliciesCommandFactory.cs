using System.CommandLine;
using Belfry.Cli.Commands;
using Belfry.Cli.Output;
using Belfry.Cli.Scheduler;
using Belfry.Contracts.Alerts;
using Belfry.Core.Alerts;
using Belfry.Core.Jobs;

namespace Belfry.Cli.Alerts;

/// <summary>
/// <c>belfry alert-policies create|list|describe|delete</c>: "N failed executions within a window → one alert, then at
/// most one per rate-limit period, and a resolve message" (docs/notifications.md, "Alert policies").
/// </summary>
internal static class AlertPoliciesCommandFactory
{
    public static Command Create(CliEnvironment environment)
    {
        var options = new SchedulerOptions(environment);
        var session = new CliSession(environment, options);
        return new Command("alert-policies", "Manage alert policies: alerts when jobs keep failing.")
        {
            options.Project,
            options.Location,
            options.Endpoint,
            options.AdminTokenFile,
            options.Format,
            options.Quiet,
            CreateCommand(session),
            ListCommand(session),
            DescribeCommand(session),
            DeleteCommand(session),
        };
    }

    private static Command CreateCommand(CliSession session)
    {
        var policy = PolicyArgument();
        var failures = new Option<int?>("--failures")
        {
            Description = "How many executions failing after their last retry, within --window, fire the alert. Default: 1.",
            HelpName = "N",
            CustomParser = FlagParsers.NonNegativeInt,
        };
        var window = new Option<TimeSpan?>("--window")
        {
            Description = "The sliding window the failures are counted in, e.g. 5m. Default: 5m.",
            HelpName = "DURATION",
            CustomParser = FlagParsers.Duration,
        };
        var rateLimit = new Option<TimeSpan?>("--rate-limit")
        {
            Description = "The least time between two messages of a firing alert (Cloud Monitoring's notificationRateLimit). Default: the window.",
            HelpName = "DURATION",
            CustomParser = FlagParsers.Duration,
        };
        var channels = new Option<string[]>("--channel", "--channels")
        {
            Description = "Channel to alert (an ID in the location, or a full name); repeat the flag or separate with commas. Required.",
            HelpName = "CHANNEL",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var jobs = new Option<IReadOnlyList<string>?>("--jobs")
        {
            Description = "Job IDs to watch, exact or a prefix ending in '*' (e.g. sync-daily-data,report-*). Default: every job of the location.",
            HelpName = "JOB,...",
            CustomParser = FlagParsers.List,
        };
        var displayName = new Option<string?>("--display-name") { Description = "A human-readable name.", HelpName = "TEXT" };
        var disabled = new Option<bool>("--disabled") { Description = "Create the policy disabled (it stays quiet)." };
        var command = new Command("create", "Create an alert policy. Prints it (YAML by default).")
        {
            policy, failures, window, rateLimit, channels, jobs, displayName, disabled,
        };
        command.SetAction((parseResult, cancellationToken) => session.RunAsync(parseResult, async (client, ct) =>
        {
            var name = Policy(session, parseResult, parseResult.GetRequiredValue(policy));
            var resource = new AlertPolicyResource
            {
                Name = name.FullName,
                DisplayName = parseResult.GetValue(displayName),
                Failures = parseResult.GetValue(failures),
                Window = parseResult.GetValue(window) is { } w ? DurationParser.ToWire(w) : null,
                RateLimit = parseResult.GetValue(rateLimit) is { } r ? DurationParser.ToWire(r) : null,
                Channels = [.. parseResult.GetRequiredValue(channels).SelectMany(c => c.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))],
                Jobs = parseResult.GetValue(jobs) is { } selected ? [.. selected] : null,
                Enabled = parseResult.GetValue(disabled) ? false : null,
            };
            var created = await client.CreateAlertPolicyAsync(name, resource, ct).ConfigureAwait(false);
            await session.PrintAsync(parseResult, created, OutputFormat.Yaml, AlertPolicyTable.Format).ConfigureAwait(false);
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command ListCommand(CliSession session)
    {
        var paging = new PagingOptions();
        var command = new Command("list", "List the alert policies of a location.");
        paging.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => session.RunAsync(parseResult, async (client, ct) =>
        {
            var parent = session.Location(parseResult);
            var policies = await paging.CollectAsync(
                parseResult, (size, token, c) => client.ListAlertPoliciesAsync(parent, size, token, c), "alertPolicies", ct).ConfigureAwait(false);
            await session.PrintListAsync(parseResult, policies, OutputFormat.Table, AlertPolicyTable.Format).ConfigureAwait(false);
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command DescribeCommand(CliSession session)
    {
        var policy = PolicyArgument();
        var command = new Command("describe", "Show an alert policy and whether it is firing.") { policy };
        command.SetAction((parseResult, cancellationToken) => session.RunAsync(parseResult, async (client, ct) =>
        {
            var found = await client.GetAlertPolicyAsync(Policy(session, parseResult, parseResult.GetRequiredValue(policy)), ct).ConfigureAwait(false);
            await session.PrintAsync(parseResult, found, OutputFormat.Yaml, AlertPolicyTable.Format).ConfigureAwait(false);
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command DeleteCommand(CliSession session)
    {
        var policy = PolicyArgument();
        var command = new Command("delete", "Delete an alert policy. Asks for confirmation on a terminal unless --quiet is given.") { policy };
        command.SetAction((parseResult, cancellationToken) => session.RunAsync(parseResult, async (client, ct) =>
        {
            var name = Policy(session, parseResult, parseResult.GetRequiredValue(policy));
            await DeletePrompt.EnsureConfirmedAsync(session.Environment, parseResult.GetValue(session.Options.Quiet), $"alert policy [{name.PolicyId}]").ConfigureAwait(false);

            await client.DeleteAlertPolicyAsync(name, ct).ConfigureAwait(false);
            await session.Environment.Error.WriteLineAsync($"Deleted alert policy [{name.PolicyId}].").ConfigureAwait(false);
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Argument<string> PolicyArgument() => new("POLICY")
    {
        Description = "ID of the alert policy or its full name (projects/PROJECT/locations/LOCATION/alertPolicies/ID).",
    };

    private static AlertPolicyName Policy(CliSession session, ParseResult parseResult, string idOrName)
    {
        if (idOrName.StartsWith("projects/", StringComparison.Ordinal))
        {
            return AlertPolicyName.TryParse(idOrName, out var full)
                ? full
                : throw new CliUsageException($"argument POLICY: invalid alert policy name \"{idOrName}\"; expected projects/PROJECT/locations/LOCATION/alertPolicies/ID or an ID");
        }

        if (!ResourceId.IsValidId(idOrName))
        {
            throw new CliUsageException($"argument POLICY: invalid alert policy ID \"{idOrName}\"; IDs have letters, digits, hyphens and underscores only");
        }

        var parent = session.Location(parseResult);
        return new AlertPolicyName(parent.Project, parent.Location, idOrName);
    }
}
