using System.CommandLine;
using Belfry.Cli.Commands;
using Belfry.Cli.Output;
using Belfry.Cli.Scheduler;

namespace Belfry.Cli.AsCode;

/// <summary>
/// <c>belfry plan</c>, <c>belfry apply</c> and <c>belfry export</c>: jobs as code (issue 17, docs/jobs-as-code.md).
/// Exit codes: plan 0 no changes, 2 changes pending, 1 an error; apply and export 0 or 1.
/// </summary>
internal static class JobsAsCodeCommandFactory
{
    public const int ChangesPending = 2;

    public static IEnumerable<Command> Create(CliEnvironment environment)
    {
        var options = new SchedulerOptions(environment);
        var session = new CliSession(environment, options);
        yield return PlanCommand(session, new FileOptions());
        yield return ApplyCommand(session, new FileOptions());
        yield return ExportCommand(session);
        yield return SchemaCommand(environment);
    }

    private static Command PlanCommand(CliSession session, FileOptions file)
    {
        var command = new Command("plan",
            "Show what `belfry apply` would change to make the server match a belfry.yaml: creates (+), updates field by field (~ old -> new) " +
            "and deletes (-, only with --prune). Exit code: 0 no changes, 2 changes pending, 1 an error.")
        {
            file.File, file.Values, file.Prune, session.Options.Endpoint, session.Options.AdminTokenFile,
        };
        command.SetAction((parseResult, cancellationToken) => session.RunAsync(parseResult, async (client, ct) =>
        {
            var (declared, plan) = await file.PlanAsync(session.Environment, parseResult, client, ct).ConfigureAwait(false);
            await session.Environment.Out.WriteAsync(PlanPrinter.Format(plan, declared.Path)).ConfigureAwait(false);
            return plan.Count == 0 ? 0 : ChangesPending;
        }, cancellationToken));
        return command;
    }

    private static Command ApplyCommand(CliSession session, FileOptions file)
    {
        var autoApprove = new Option<bool>("--auto-approve")
        {
            Description = "Apply without asking. Without it, apply shows the plan and asks for 'yes' on a terminal, and refuses when input is not a terminal.",
        };
        var command = new Command("apply",
            "Make the server match a belfry.yaml: plan, then apply every change in one request and one store transaction, all or nothing. " +
            "A resource changed by someone else since the plan makes apply refuse (ABORTED, naming it) and change nothing. " +
            "Exit code: 0 applied (or nothing to do), 1 an error.")
        {
            file.File, file.Values, file.Prune, autoApprove, session.Options.Endpoint, session.Options.AdminTokenFile,
        };
        command.SetAction((parseResult, cancellationToken) => session.RunAsync(parseResult, async (client, ct) =>
        {
            var environment = session.Environment;
            var (declared, plan) = await file.PlanAsync(environment, parseResult, client, ct).ConfigureAwait(false);
            await environment.Out.WriteAsync(PlanPrinter.Format(plan, declared.Path)).ConfigureAwait(false);
            if (plan.Count == 0)
            {
                return 0;
            }

            if (!parseResult.GetValue(autoApprove))
            {
                if (!environment.IsInputTerminal)
                {
                    throw new CliUsageException("input is not a terminal: pass --auto-approve to apply without asking.", exitCode: 1);
                }

                await environment.Out.WriteAsync("\nApply these changes? Only 'yes' will be accepted: ").ConfigureAwait(false);
                if ((await environment.In.ReadLineAsync(ct).ConfigureAwait(false))?.Trim() != "yes")
                {
                    await environment.Error.WriteLineAsync("Apply cancelled; nothing was changed.").ConfigureAwait(false);
                    return 1;
                }
            }

            await Planner.ApplyAsync(client, declared, plan, ct).ConfigureAwait(false);
            await environment.Out.WriteLineAsync(PlanPrinter.Summary(plan, "\nApply complete! Resources", "added", "changed", "destroyed")).ConfigureAwait(false);
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command ExportCommand(CliSession session)
    {
        var location = new Option<string?>("--location")
        {
            Description = "Export only this location of --project. Default: every location the server lists for the project (Belfry:Locations).",
            HelpName = "LOCATION",
        };
        var command = new Command("export",
            "Write the server's channels, jobs, pipelines and alert policies of --project as a belfry.yaml on stdout " +
            "(`belfry export > belfry.yaml`); applying it plans no change. Secrets stay references: a value the server stored is " +
            "written as an env:BELFRY_SECRET_… placeholder and named on stderr. The first line points editors at " + BelfrySchema.FileName +
            " beside the file (see `belfry schema`).")
        {
            session.Options.Project, location, session.Options.Endpoint, session.Options.AdminTokenFile,
        };
        command.SetAction((parseResult, cancellationToken) => session.RunAsync(parseResult, async (client, ct) =>
        {
            var project = parseResult.GetRequiredValue(session.Options.Project);
            var locations = parseResult.GetValue(location) is { } one
                ? [new Core.Jobs.LocationName(project, one)]
                : await ServerLocationsAsync(client, project, ct).ConfigureAwait(false);
            var (exported, placeholders) = await Exporter.ExportAsync(client, locations, ct).ConfigureAwait(false);
            foreach (var placeholder in placeholders)
            {
                await session.Environment.Error.WriteLineAsync($"WARNING: {placeholder}").ConfigureAwait(false);
            }

            await session.Environment.Out.WriteLineAsync(BelfrySchema.Modeline).ConfigureAwait(false);
            await session.Environment.Out.WriteLineAsync(YamlPrinter.Format(exported)).ConfigureAwait(false);
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command SchemaCommand(CliEnvironment environment)
    {
        var command = new Command("schema",
            "Write the JSON Schema of belfry.yaml on stdout (`belfry schema > " + BelfrySchema.FileName + "`), for an editor to complete and check " +
            "the file: keep it beside belfry.yaml, where the first line `belfry export` writes points to it.");
        command.SetAction(async (_, cancellationToken) =>
        {
            await environment.Out.WriteAsync(await BelfrySchema.ReadAsync(cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static async Task<IReadOnlyList<Core.Jobs.LocationName>> ServerLocationsAsync(Http.BelfryApiClient client, string project, CancellationToken cancellationToken)
    {
        var answer = await client.ListLocationsAsync(project, cancellationToken).ConfigureAwait(false);
        return [.. (answer["locations"]?.AsArray() ?? []).Select(l => new Core.Jobs.LocationName(project, (string)l!["locationId"]!))];
    }
}
