using System.CommandLine;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Belfry.Cli.Http;
using Belfry.Cli.Output;
using Belfry.Cli.Output.Projections;
using Belfry.Cli.Scheduler;
using Belfry.Core.Jobs;

namespace Belfry.Cli.Commands;

/// <summary>What the commands of every group (scheduler, channels, alert-policies, pipelines, keys, auth) share: resolving names, calling the server, printing.</summary>
internal sealed class CliSession(CliEnvironment environment, SchedulerOptions options)
{
    public CliEnvironment Environment { get; } = environment;

    public SchedulerOptions Options { get; } = options;

    /// <summary>The --project id, checked before any call.</summary>
    public string Project(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var project = parseResult.GetRequiredValue(Options.Project);
        return ResourceId.IsValidProjectOrLocation(project)
            ? project
            : throw new CliUsageException($"argument {Options.Project.Name}: invalid project \"{project}\"");
    }

    public LocationName Location(ParseResult parseResult)
    {
        var project = Project(parseResult);
        var location = parseResult.GetRequiredValue(Options.Location);
        if (!ResourceId.IsValidProjectOrLocation(location))
        {
            throw new CliUsageException($"argument {Options.Location.Name}: invalid location \"{location}\"");
        }

        return new LocationName(project, location);
    }

    /// <summary>The resource <paramref name="argument"/> names: an ID in --project and --location, or a full name.</summary>
    public TName Resolve<TName>(ResourceKind<TName> kind, ParseResult parseResult, Argument<string> argument)
        where TName : class
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(parseResult);
        return kind.Resolve(parseResult.GetRequiredValue(argument), () => Location(parseResult));
    }

    public Task<int> RunAsync(ParseResult parseResult, Func<BelfryApiClient, CancellationToken, Task<int>> body, CancellationToken cancellationToken) =>
        ActionRunner.RunAsync(parseResult, Environment, async ct =>
        {
            using var http = new HttpClient { BaseAddress = EndpointUri(parseResult) };
            if (AdminToken(parseResult) is { } token)
            {
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            return await body(new BelfryApiClient(http), ct).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Prints one resource: <paramref name="defaultFormat"/> unless --format says otherwise.</summary>
    public Task PrintAsync(ParseResult parseResult, JsonNode resource, OutputFormat defaultFormat, Func<IReadOnlyList<JsonNode>, string> table) =>
        PrintListAsync(parseResult, [resource], defaultFormat, table, single: true);

    /// <summary>
    /// Prints a list the server answers in one piece (nodes, keys, locations): the items of <paramref name="answer"/>'s
    /// <paramref name="itemsField"/> that --filter keeps, as a table unless --format says otherwise.
    /// </summary>
    public Task PrintUnpagedListAsync(ParseResult parseResult, JsonNode answer, string itemsField, Func<IReadOnlyList<JsonNode>, string> table)
    {
        ArgumentNullException.ThrowIfNull(answer);
        List<JsonNode> items = answer[itemsField] is JsonArray array ? [.. array.OfType<JsonNode>().Where(Keep(parseResult))] : [];
        return PrintListAsync(parseResult, items, OutputFormat.Table, table);
    }

    public async Task PrintListAsync(ParseResult parseResult, IReadOnlyList<JsonNode> items, OutputFormat defaultFormat, Func<IReadOnlyList<JsonNode>, string> table, bool single = false)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(table);
        var format = parseResult.GetValue(Options.Format) ?? FormatSpec.Of(defaultFormat);
        var text = format switch
        {
            { HasProjection: true } => ProjectionPrinter.Format(format, items),
            { Kind: OutputFormat.Json } => JsonPrinter.Format(single ? items[0] : new JsonArray([.. items.Select(i => i.DeepClone())])),
            { Kind: OutputFormat.Yaml } => YamlPrinter.FormatDocuments(items),
            _ => table(items),
        };
        if (items.Count == 0 && !single)
        {
            // gcloud says so on stderr and prints nothing else for an empty table, value, csv or YAML list.
            await Environment.Error.WriteLineAsync("Listed 0 items.").ConfigureAwait(false);
            if (format.Kind != OutputFormat.Json)
            {
                return;
            }
        }

        await Environment.Out.WriteLineAsync(text).ConfigureAwait(false);
    }

    /// <summary>What --filter keeps (everything without one); a list command applies it before --limit.</summary>
    public Func<JsonNode, bool> Keep(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return parseResult.GetValue(Options.Filter) is { } filter ? filter.Matches : _ => true;
    }

    /// <summary>The admin token to send: --admin-token-file, else $BELFRY_ADMIN_TOKEN, else none. Never printed.</summary>
    private string? AdminToken(ParseResult parseResult)
    {
        if (parseResult.GetValue(Options.AdminTokenFile) is { Length: > 0 } path)
        {
            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliUsageException($"argument {Options.AdminTokenFile.Name}: cannot read {path}: {e.Message}");
            }

            return string.IsNullOrWhiteSpace(text)
                ? throw new CliUsageException($"argument {Options.AdminTokenFile.Name}: the file {path} is empty")
                : text.Trim();
        }

        return Environment.GetVariable(SchedulerOptions.AdminTokenVariable) is { } variable && !string.IsNullOrWhiteSpace(variable)
            ? variable.Trim()
            : null;
    }

    private Uri EndpointUri(ParseResult parseResult)
    {
        var text = parseResult.GetRequiredValue(Options.Endpoint);
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            var source = parseResult.GetResult(Options.Endpoint) is { Implicit: false } ? $"argument {Options.Endpoint.Name}" : "BELFRY_ENDPOINT";
            throw new CliUsageException($"{source}: invalid URL \"{text}\"; expected http://HOST:PORT or https://HOST:PORT");
        }

        // A trailing slash keeps a path prefix (https://host/belfry) when relative paths are resolved against it.
        return uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
    }
}
