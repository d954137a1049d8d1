using System.CommandLine;
using System.Text.Json.Nodes;
using Belfry.Cli.Http;
using Belfry.Cli.Output;
using Belfry.Cli.Scheduler;
using Belfry.Core.Jobs;

namespace Belfry.Cli.Commands;

/// <summary>
/// The <c>list</c>, <c>describe</c> and <c>delete</c> commands every resource group has, built from its
/// <see cref="ResourceKind{TName}"/>: gcloud's paging flags, YAML for one resource and a table for a list unless
/// --format says otherwise, and the delete confirmation.
/// </summary>
internal static class ResourceCommands
{
    /// <summary><c>list</c>: the resources of the location given by --project and --location.</summary>
    /// <param name="session">The group's session.</param>
    /// <param name="kind">The resources.</param>
    /// <param name="description">The help text.</param>
    /// <param name="whenEmpty">Runs after an empty list is printed, to say where to look instead.</param>
    public static Command List<TName>(
        CliSession session, ResourceKind<TName> kind, string description, Func<ParseResult, BelfryApiClient, LocationName, CancellationToken, Task>? whenEmpty = null)
        where TName : class
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(kind);
        return List(session, "list", description, argument: null, session.Location, kind.List, kind.Collection, kind.Table, whenEmpty);
    }

    /// <summary>A listing command under any parent: a location's resources, a job's executions, a pipeline's runs.</summary>
    /// <param name="session">The group's session.</param>
    /// <param name="verb">The command's name.</param>
    /// <param name="description">The help text.</param>
    /// <param name="argument">The parent's positional argument, if it has one.</param>
    /// <param name="parent">Resolves the parent from the command line.</param>
    /// <param name="fetchPage">(client, parent, page size, page token, cancellation) → one page.</param>
    /// <param name="itemsField">The page's array field: "jobs", "runs", ….</param>
    /// <param name="table">Prints the items as a table.</param>
    /// <param name="whenEmpty">Runs after an empty list is printed (the server had none, or --filter kept none).</param>
    public static Command List<TParent>(
        CliSession session,
        string verb,
        string description,
        Argument<string>? argument,
        Func<ParseResult, TParent> parent,
        Func<BelfryApiClient, TParent, int?, string?, CancellationToken, Task<JsonNode>> fetchPage,
        string itemsField,
        Func<IReadOnlyList<JsonNode>, string> table,
        Func<ParseResult, BelfryApiClient, TParent, CancellationToken, Task>? whenEmpty = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(fetchPage);
        var paging = new PagingOptions();
        var command = new Command(verb, description);
        if (argument is not null)
        {
            command.Arguments.Add(argument);
        }

        paging.AddTo(command);
        command.Options.Add(session.Options.Filter);
        command.SetAction((parseResult, cancellationToken) => session.RunAsync(parseResult, async (client, ct) =>
        {
            var resolved = parent(parseResult);
            var items = await paging.CollectAsync(
                parseResult, (size, token, c) => fetchPage(client, resolved, size, token, c), itemsField, session.Keep(parseResult), ct).ConfigureAwait(false);
            await session.PrintListAsync(parseResult, items, OutputFormat.Table, table).ConfigureAwait(false);
            if (items.Count == 0 && whenEmpty is not null)
            {
                await whenEmpty(parseResult, client, resolved, ct).ConfigureAwait(false);
            }

            return 0;
        }, cancellationToken));
        return command;
    }

    /// <summary><c>describe ID</c>: the resource, as YAML by default.</summary>
    public static Command Describe<TName>(CliSession session, ResourceKind<TName> kind, string description)
        where TName : class
    {
        ArgumentNullException.ThrowIfNull(kind);
        return OnResource(session, kind, "describe", description, async (parseResult, client, name, ct) =>
        {
            var found = await kind.Get(client, name, ct).ConfigureAwait(false);
            await session.PrintAsync(parseResult, found, OutputFormat.Yaml, kind.Table).ConfigureAwait(false);
            return 0;
        });
    }

    /// <summary><c>delete ID [--quiet]</c>: asks first on a terminal, as gcloud, and says what it deleted on stderr.</summary>
    public static Command Delete<TName>(CliSession session, ResourceKind<TName> kind, string description)
        where TName : class
    {
        ArgumentNullException.ThrowIfNull(kind);
        return OnResource(session, kind, "delete", description, async (parseResult, client, name, ct) =>
        {
            await DeletePrompt.EnsureConfirmedAsync(session.Environment, parseResult.GetValue(session.Options.Quiet), kind.Describe(name)).ConfigureAwait(false);
            await kind.Delete(client, name, ct).ConfigureAwait(false);
            await session.Environment.Error.WriteLineAsync($"Deleted {kind.Describe(name)}.").ConfigureAwait(false);
            return 0;
        });
    }

    /// <summary>
    /// <c>VERB ID</c>: a command on one resource. <paramref name="body"/> gets the resolved name and answers the exit
    /// code; a bad ID, name or location is reported before any call.
    /// </summary>
    public static Command OnResource<TName>(
        CliSession session, ResourceKind<TName> kind, string verb, string description, Func<ParseResult, BelfryApiClient, TName, CancellationToken, Task<int>> body)
        where TName : class
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(body);
        var argument = kind.Argument();
        var command = new Command(verb, description) { argument };
        command.SetAction((parseResult, cancellationToken) => session.RunAsync(
            parseResult, (client, ct) => body(parseResult, client, session.Resolve(kind, parseResult, argument), ct), cancellationToken));
        return command;
    }
}
