using System.CommandLine;
using System.Text.Json;
using Belfry.Cli.Commands;
using Belfry.Cli.Output;
using Belfry.Cli.Scheduler;
using Belfry.Contracts.Channels;
using Belfry.Contracts.Serialization;
using Belfry.Core.Notifications;

namespace Belfry.Cli.Channels;

/// <summary>
/// <c>belfry channels create discord|slack|webhook|list|describe|delete|test</c>: notification channels
/// (docs/notifications.md). Webhook URLs and secrets are secrets: given as <c>env:</c>/<c>file:</c> references the
/// server resolves, or stored; never printed (the server never answers them).
/// </summary>
internal static class ChannelsCommandFactory
{
    private static readonly ResourceKind<ChannelName> Channels = new()
    {
        Noun = "channel",
        ArgumentName = "CHANNEL",
        ArgumentDescription = "ID of the channel or its full name (projects/PROJECT/locations/LOCATION/channels/ID).",
        Collection = ChannelName.Collection,
        ParseFullName = name => ChannelName.TryParse(name, out var parsed) ? parsed : null,
        Create = (parent, id) => new ChannelName(parent.Project, parent.Location, id),
        Id = name => name.ChannelId,
        Table = ChannelTable.Format,
        Get = (client, name, ct) => client.GetChannelAsync(name, ct),
        List = (client, parent, pageSize, pageToken, ct) => client.ListChannelsAsync(parent, pageSize, pageToken, ct),
        Delete = (client, name, ct) => client.DeleteChannelAsync(name, ct),
    };

    public static Command Create(CliEnvironment environment)
    {
        var options = new SchedulerOptions(environment);
        var session = new CliSession(environment, options);
        var create = new Command("create", "Create a notification channel.")
        {
            CreateCommand(session, "discord", ChannelTypeWire.Discord, "a Discord webhook (messages are embeds)"),
            CreateCommand(session, "slack", ChannelTypeWire.Slack, "a Slack incoming webhook (messages are blocks)"),
            CreateCommand(session, "webhook", ChannelTypeWire.Webhook, "any HTTP endpoint (Belfry's JSON body, optionally HMAC-signed)"),
        };
        return options.LocationCommand(
            "channels",
            "Manage notification channels: where failure, recovery, missed-run and alert messages go.",
            create,
            ResourceCommands.List(session, Channels, "List the channels of a location."),
            ResourceCommands.Describe(session, Channels, "Show a channel (secrets only as their env:/file: references)."),
            ResourceCommands.Delete(session, Channels, "Delete a channel. Asks for confirmation on a terminal unless --quiet is given."),
            TestCommand(session));
    }

    private static Command CreateCommand(CliSession session, string kind, ChannelTypeWire type, string what)
    {
        var channel = Channels.Argument();
        var urlEnv = new Option<string?>("--webhook-url-env")
        {
            Description = "Name of an environment variable OF THE SERVER holding the webhook URL (stored as env:NAME, read when sending); " +
                "it must start with the server's prefix, BELFRY_SECRET_ by default.",
            HelpName = "VAR",
            CustomParser = FlagParsers.NonEmpty,
        };
        var urlFile = new Option<string?>("--webhook-url-file")
        {
            Description = "A file on the server holding the webhook URL (stored as file:PATH, made absolute here, read when sending); " +
                "it must be in the server's secrets directory (belfry serve --secrets-dir).",
            HelpName = "PATH",
            CustomParser = FlagParsers.NonEmpty,
        };
        var url = new Option<string?>("--webhook-url")
        {
            Description = "The webhook URL itself. It is stored on the server and never shown again; prefer --webhook-url-env.",
            HelpName = "URL",
            CustomParser = FlagParsers.NonEmpty,
        };
        var displayName = new Option<string?>("--display-name") { Description = "A human-readable name (at most 500 characters).", HelpName = "TEXT" };
        var command = new Command(kind, $"Create {what}. Prints the channel (YAML by default); the URL itself is never printed.")
        {
            channel, urlEnv, urlFile, url, displayName,
        };
        Option<string?>? secretEnv = null;
        Option<string?>? secretFile = null;
        if (type == ChannelTypeWire.Webhook)
        {
            secretEnv = new Option<string?>("--secret-env")
            {
                Description = "Name of an environment variable of the server holding the HMAC-SHA256 key (prefix BELFRY_SECRET_ by default); " +
                    "requests then carry X-Belfry-Signature-256.",
                HelpName = "VAR",
                CustomParser = FlagParsers.NonEmpty,
            };
            secretFile = new Option<string?>("--secret-file")
            {
                Description = "A file on the server holding the HMAC-SHA256 key (made absolute here), in its secrets directory.",
                HelpName = "PATH",
                CustomParser = FlagParsers.NonEmpty,
            };
            command.Options.Add(secretEnv);
            command.Options.Add(secretFile);
        }

        command.Validators.Add(result =>
        {
            var given = new Option[] { urlEnv, urlFile, url }.Where(o => result.GetResult(o) is { Implicit: false }).ToList();
            if (given.Count != 1)
            {
                result.AddError($"Exactly one of {urlEnv.Name} | {urlFile.Name} | {url.Name} must be specified.");
            }

            if (secretEnv is not null && secretFile is not null &&
                result.GetResult(secretEnv) is { Implicit: false } && result.GetResult(secretFile) is { Implicit: false })
            {
                result.AddError($"argument {secretEnv.Name}: At most one of {secretEnv.Name} | {secretFile.Name} can be specified.");
            }
        });
        command.SetAction((parseResult, cancellationToken) => session.RunAsync(parseResult, async (client, ct) =>
        {
            var name = session.Resolve(Channels, parseResult, channel);
            var resource = new ChannelResource
            {
                Name = name.FullName,
                Type = type,
                DisplayName = parseResult.GetValue(displayName),
                WebhookUrl = Reference(parseResult.GetValue(urlEnv), parseResult.GetValue(urlFile)) ?? parseResult.GetValue(url),
                Secret = secretEnv is null || secretFile is null ? null : Reference(parseResult.GetValue(secretEnv), parseResult.GetValue(secretFile)),
            };
            var created = await client.CreateChannelAsync(name, resource, ct).ConfigureAwait(false);
            await session.PrintAsync(parseResult, created, OutputFormat.Yaml, ChannelTable.Format).ConfigureAwait(false);
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command TestCommand(CliSession session) => ResourceCommands.OnResource(
        session, Channels, "test", "Send a test message to a channel now (no retries) and say what it answered. Exits 1 if it was not accepted.",
        async (parseResult, client, name, ct) =>
        {
            var answer = await client.TestChannelAsync(name, ct).ConfigureAwait(false);
            var result = answer.Deserialize(BelfryJsonContext.Lenient.TestChannelResponse) ?? new TestChannelResponse();
            if (parseResult.GetValue(session.Options.Format)?.Kind is OutputFormat.Json or OutputFormat.Yaml)
            {
                await session.PrintAsync(parseResult, answer, OutputFormat.Yaml, _ => "").ConfigureAwait(false);
            }
            else if (result.Delivered)
            {
                await session.Environment.Out.WriteLineAsync($"Sent a test message to channel [{name.ChannelId}]: HTTP {result.StatusCode}.").ConfigureAwait(false);
            }

            if (!result.Delivered)
            {
                await session.Environment.Error.WriteLineAsync(
                    $"ERROR: ({CommandPath.Of(parseResult)}) Channel [{name.ChannelId}] did not accept the test message: {result.Error}").ConfigureAwait(false);
                return 1;
            }

            return 0;
        });

    private static string? Reference(string? variable, string? file) =>
        variable is not null ? ChannelSecret.EnvironmentPrefix + variable :
        file is not null ? ChannelSecret.FilePrefix + Path.GetFullPath(file) : null;
}
