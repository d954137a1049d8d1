using System.CommandLine;
using Belfry.Cli.Commands;
using Belfry.Cli.Output;
using Belfry.Cli.Scheduler;
using Belfry.Contracts.Alerts;
using Belfry.Core.Alerts;

namespace Belfry.Cli.Alerts;

/// <summary>
/// <c>belfry alert-policies create|list|describe|delete</c>: "N failed executions within a window → one alert, then at
/// most one per rate-limit period, and a resolve message" (docs/notifications.md, "Alert policies").
/// </summary>
internal static class AlertPoliciesCommandFactory
{
    private static readonly ResourceKind<AlertPolicyName> Policies = new()
    {
        Noun = "alert policy",
        ArgumentName = "POLICY",
        ArgumentDescription = "ID of the alert policy or its full name (projects/PROJECT/locations/LOCATION/alertPolicies/ID).",
        Collection = AlertPolicyName.Collection,
        ParseFullName = name => AlertPolicyName.TryParse(name, out var parsed) ? parsed : null,
        Create = (parent, id) => new AlertPolicyName(parent.Project, parent.Location, id),
        Id = name => name.PolicyId,
        Table = AlertPolicyTable.Format,
        Get = (client, name, ct) => client.GetAlertPolicyAsync(name, ct),
        List = (client, parent, pageSize, pageToken, ct) => client.ListAlertPoliciesAsync(parent, pageSize, pageToken, ct),
        Delete = (client, name, ct) => client.DeleteAlertPolicyAsync(name, ct),
    };

    public static Command Create(CliEnvironment environment)
    {
        var options = new SchedulerOptions(environment);
        var session = new CliSession(environment, options);
        return options.LocationCommand(
            "alert-policies",
            "Manage alert policies: alerts when jobs keep failing.",
            CreateCommand(session),
            ResourceCommands.List(session, Policies, "List the alert policies of a location."),
            ResourceCommands.Describe(session, Policies, "Show an alert policy and whether it is firing."),
            ResourceCommands.Delete(session, Policies, "Delete an alert policy. Asks for confirmation on a terminal unless --quiet is given."));
    }

    private static Command CreateCommand(CliSession session)
    {
        var policy = Policies.Argument();
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
            var name = session.Resolve(Policies, parseResult, policy);
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
}
