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
        policy.Arity = ArgumentArity.ZeroOrOne;
        policy.Description += " Optional with --policy-from-file: made from the file's displayName (\"Cloud Scheduler jobs\" → cloud-scheduler-jobs).";
        var fromFile = new Option<string?>("--policy-from-file")
        {
            Description = "A Cloud Monitoring alert policy in JSON, as `gcloud alpha monitoring policies create --policy-from-file` takes: " +
                "one conditionThreshold on cloudscheduler.googleapis.com/job/attempt_count with metric.labels.status=\"FAILED\" " +
                "(optionally resource.labels.job_id = \"ID\" or starts_with(\"PREFIX\")), COMPARISON_GT N (N+1 failures) or COMPARISON_GE N, " +
                "alignmentPeriod (the window), alertStrategy.notificationRateLimit.period, notificationChannels (Belfry channel IDs), enabled. " +
                "Anything else is refused, naming the field. Flags given override the file; --channel adds to its channels. " +
                "Cloud Monitoring counts failed attempts, Belfry executions failed after their last retry: the same for jobs that " +
                "do not retry (the default: --max-retry-attempts=0, --max-retry-duration=0s).",
            HelpName = "FILE",
        };
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
            Description = "Channel to alert (an ID in the location, or a full name); repeat the flag or separate with commas. " +
                "Required, unless the --policy-from-file has notificationChannels.",
            HelpName = "CHANNEL",
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
        var command = new Command("create", "Create an alert policy, from flags or from a Cloud Monitoring policy file. Prints it (YAML by default).")
        {
            policy, fromFile, failures, window, rateLimit, channels, jobs, displayName, disabled,
        };
        command.Validators.Add(result =>
        {
            if (result.GetResult(policy) is null && result.GetResult(fromFile) is null)
            {
                result.AddError($"argument {policy.Name}: required unless {fromFile.Name} is given.");
            }
        });
        command.SetAction((parseResult, cancellationToken) => session.RunAsync(parseResult, async (client, ct) =>
        {
            // The file is read and refused, if it must be, before anything is sent: nothing is created then.
            var file = parseResult.GetValue(fromFile) is { } path ? MonitoringPolicyFile.Read(fromFile.Name, path) : new AlertPolicyResource();
            var id = parseResult.GetValue(policy) ?? MonitoringPolicyFile.IdFrom(file.DisplayName) ?? throw new CliUsageException(
                $"argument {policy.Name}: required, since the file's displayName has no ASCII letters or digits to make an ID from");
            var name = Policies.Resolve(id, () => session.Location(parseResult));
            List<string> channelNames =
            [
                .. file.Channels ?? [],
                .. (parseResult.GetValue(channels) ?? []).SelectMany(c => c.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)),
            ];
            if (channelNames.Count == 0)
            {
                throw new CliUsageException($"argument {channels.Name}: at least one channel is required (or notificationChannels in {fromFile.Name}).");
            }

            var resource = new AlertPolicyResource
            {
                Name = name.FullName,
                DisplayName = parseResult.GetValue(displayName) ?? file.DisplayName,
                Failures = parseResult.GetValue(failures) ?? file.Failures,
                Window = parseResult.GetValue(window) is { } w ? DurationParser.ToWire(w) : file.Window,
                RateLimit = parseResult.GetValue(rateLimit) is { } r ? DurationParser.ToWire(r) : file.RateLimit,
                Channels = [.. channelNames.Distinct(StringComparer.Ordinal)],
                Jobs = parseResult.GetValue(jobs) is { } selected ? [.. selected] : file.Jobs,
                Enabled = parseResult.GetValue(disabled) ? false : file.Enabled,
            };
            var created = await client.CreateAlertPolicyAsync(name, resource, ct).ConfigureAwait(false);
            await session.PrintAsync(parseResult, created, OutputFormat.Yaml, AlertPolicyTable.Format).ConfigureAwait(false);
            return 0;
        }, cancellationToken));
        return command;
    }
}
