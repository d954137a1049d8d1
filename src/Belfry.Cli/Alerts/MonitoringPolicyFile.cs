using System.Text;
using System.Text.Json;
using Belfry.Cli.Commands;
using Belfry.Cli.Scheduler;
using Belfry.Contracts.Alerts;
using Belfry.Core.Jobs;
using Belfry.Core.Notifications;
using Belfry.Server.Api.AlertPolicies;

namespace Belfry.Cli.Alerts;

/// <summary>
/// <c>--policy-from-file</c>: a Cloud Monitoring alert policy in JSON, as <c>gcloud alpha monitoring policies create
/// --policy-from-file</c> takes, mapped onto Belfry's policy (docs/notifications.md, "From a Cloud Monitoring policy
/// file"): <c>displayName</c>, <c>enabled</c>, <c>notificationChannels</c> (Belfry channels),
/// <c>alertStrategy.notificationRateLimit.period</c> → rate limit, and one OR-combined threshold condition
/// (<see cref="MonitoringCondition"/>). Anything else is refused by its JSON path before anything is sent.
/// </summary>
internal static class MonitoringPolicyFile
{
    public static AlertPolicyResource Read(string flag, string path)
    {
        ArgumentNullException.ThrowIfNull(flag);
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new CliUsageException($"argument {flag}: unable to read file [{path}]: {e.Message}");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            // The reader counts lines and bytes from 0 and appends them to its message; editors count from 1.
            var message = e.Message.Split(" LineNumber:", 2)[0].TrimEnd();
            var at = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "";
            throw new CliUsageException($"argument {flag}: {path}: not valid JSON{at}: {message}");
        }

        using (document)
        {
            return Map(PolicyJsonObject.Root(document.RootElement, $"argument {flag}: {path}: "));
        }
    }

    /// <summary>
    /// An id for a policy created without one: its display name in lowercase ASCII letters and digits joined by
    /// hyphens ("Cloud Scheduler ジョブ失敗" → <c>cloud-scheduler</c>), so creating from the same file twice is refused
    /// as a duplicate rather than making a second policy; null when the name has no such letters.
    /// </summary>
    public static string? IdFrom(string? displayName)
    {
        var id = new StringBuilder();
        foreach (var c in displayName ?? "")
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                id.Append(char.ToLowerInvariant(c));
            }
            else if (id.Length > 0 && id[^1] != '-')
            {
                id.Append('-');
            }
        }

        var text = id.ToString(0, Math.Min(id.Length, 100)).TrimEnd('-');
        return text.Length == 0 ? null : text;
    }

    private static AlertPolicyResource Map(PolicyJsonObject root)
    {
        var policy = new AlertPolicyResource { DisplayName = root.String("displayName"), Enabled = root.Boolean("enabled") };
        if (root.String("combiner") is { } combiner && combiner != "OR")
        {
            throw root.FieldError("combiner", $"{combiner} is not supported; only OR (with one condition)");
        }

        var conditions = root.Array("conditions");
        if (conditions is not [var condition])
        {
            throw conditions is { Count: > 1 }
                ? root.Error(conditions[1].Path, "not supported; Belfry maps one condition")
                : root.FieldError("conditions", "required: one conditionThreshold");
        }

        MonitoringCondition.Map(root.Item(condition), policy);
        policy.Channels = Channels(root);
        if (root.Object("alertStrategy") is { } strategy)
        {
            if (strategy.Object("notificationRateLimit") is { } limit)
            {
                if (limit.Duration("period") is { } period)
                {
                    policy.RateLimit = period <= AlertPolicyCommands.MaxWindow
                        ? DurationParser.ToWire(period)
                        : throw limit.FieldError("period", $"must be at most {DurationParser.ToWire(AlertPolicyCommands.MaxWindow)}");
                }

                limit.Finish();
            }

            strategy.Finish();
        }

        root.Finish();
        return policy;
    }

    /// <summary>Belfry channels, by id or full name; a Cloud Monitoring channel name cannot be resolved here.</summary>
    private static List<string>? Channels(PolicyJsonObject root)
    {
        if (root.Array("notificationChannels") is not { } items)
        {
            return null;
        }

        return
        [
            .. items.Select(item => item.Value.ValueKind == JsonValueKind.String &&
                item.Value.GetString() is { } channel && (ResourceId.IsValidId(channel) || ChannelName.TryParse(channel, out _))
                    ? channel
                    : throw root.Error(item.Path, $"{item.Value.GetRawText()} is not a Belfry channel id or name " +
                        "(projects/PROJECT/locations/LOCATION/channels/ID); create the channel with `belfry channels create` and give its id")),
        ];
    }
}
