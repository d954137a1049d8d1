using System.CommandLine;
using System.Text.Json;
using Belfry.Cli.Commands;
using Belfry.Cli.Output;
using Belfry.Cli.Scheduler;
using Belfry.Contracts.Jobs;
using Belfry.Contracts.Pipelines;
using Belfry.Contracts.Serialization;
using Belfry.Core.Jobs;
using Belfry.Core.Pipelines;

namespace Belfry.Cli.Pipelines;

/// <summary>
/// <c>belfry pipelines create|describe|list|delete|pause|resume|run</c> and <c>belfry pipelines runs
/// list|describe|resume|cancel</c> (docs/pipelines.md). Every command talks to the server's v1 API.
/// </summary>
internal static class PipelinesCommandFactory
{
    public static Command Create(CliEnvironment environment)
    {
        var options = new SchedulerOptions(environment);
        var session = new CliSession(environment, options);
        var runs = new Command("runs", "List, describe, resume or cancel a pipeline's runs.")
        {
            RunsListCommand(session),
            RunCommand(session, "describe", "Show a run: each step's state and its execution's attempts.", action: null),
            RunCommand(session, "resume", "Resume a FAILED or CANCELLED run: re-send its failed steps and what follows, never a succeeded step.", "resume"),
            RunCommand(session, "cancel", "Cancel a RUNNING run: outstanding steps are cancelled, an answer in flight is ignored.", "cancel"),
        };
        return new Command("pipelines", "Manage pipelines: scheduled chains of HTTP steps where a step runs only after those it depends on succeeded.")
        {
            options.Project,
            options.Location,
            options.Endpoint,
            options.AdminTokenFile,
            options.Format,
            options.Quiet,
            CreateCommand(session),
            PipelineCommand(session, "describe", "Show a pipeline.", action: null, run: false),
            ListCommand(session),
            DeleteCommand(session),
            PipelineCommand(session, "pause", "Pause a pipeline: no scheduled runs until resumed.", "pause", run: false),
            PipelineCommand(session, "resume", "Resume a paused pipeline (from now; no backlog).", "resume", run: false),
            PipelineCommand(session, "run", "Start a run now, whatever else is running. Prints the run.", "run", run: true),
            runs,
        };
    }

    private static Command CreateCommand(CliSession session)
    {
        var pipeline = PipelineArgument();
        var schedule = new Option<string?>("--schedule") { Description = "Unix-cron schedule of the runs, e.g. \"0 6 * * *\".", HelpName = "SCHEDULE" };
        var timeZone = new Option<string?>("--time-zone") { Description = "IANA time zone of the schedule (default Etc/UTC).", HelpName = "TIME_ZONE" };
        var description = new Option<string?>("--description") { Description = "A description (at most 500 characters).", HelpName = "TEXT" };
        var steps = new Option<string[]>("--step")
        {
            Description = "A step: ID,uri=URL[,depends-on=A+B][,method=POST][,retry-count=N][,min-backoff=5s][,max-backoff=1h][,attempt-deadline=180s]" +
                "[,oidc-service-account-email=EMAIL][,oidc-token-audience=AUD]. Repeat for each step.",
            HelpName = "STEP",
            AllowMultipleArgumentsPerToken = false,
        };
        var notify = new Option<string[]>("--notify-on-failure") { Description = "Channels told when a step fails after its last retry.", HelpName = "CHANNEL" };
        var overlap = new Option<string?>("--overlap-policy") { Description = "COALESCE (default), SKIP or ALLOW: whether runs may overlap.", HelpName = "POLICY" };
        var fromFile = new Option<string?>("--from-file") { Description = "A JSON file with the pipeline (the API's Pipeline resource); flags given override it.", HelpName = "PATH" };
        var command = new Command("create", "Create a pipeline. Prints it (YAML by default).")
        {
            pipeline, schedule, timeZone, description, steps, notify, overlap, fromFile,
        };
        command.SetAction((parseResult, cancellationToken) => session.RunAsync(parseResult, async (client, ct) =>
        {
            var parent = session.Location(parseResult);
            var id = parseResult.GetRequiredValue(pipeline);
            var resource = parseResult.GetValue(fromFile) is { } path
                ? JsonSerializer.Deserialize(await File.ReadAllTextAsync(path, ct).ConfigureAwait(false), BelfryJsonContext.Default.PipelineResource)
                    ?? throw new CliUsageException($"argument --from-file: {path} holds no pipeline.")
                : new PipelineResource();
            resource.Name = $"{parent.FullName}/pipelines/{id}";
            resource.Schedule = parseResult.GetValue(schedule) ?? resource.Schedule;
            resource.TimeZone = parseResult.GetValue(timeZone) ?? resource.TimeZone;
            resource.Description = parseResult.GetValue(description) ?? resource.Description;
            if (parseResult.GetValue(steps) is { Length: > 0 } given)
            {
                resource.Steps = [.. given.Select(StepFlag.Parse)];
            }

            var channels = parseResult.GetValue(notify) ?? [];
            var policy = parseResult.GetValue(overlap);
            if (channels.Length > 0 || policy is not null)
            {
                resource.Belfry ??= new BelfrySettingsResource();
                if (channels.Length > 0)
                {
                    resource.Belfry.NotifyOnFailure = [.. channels.SelectMany(c => c.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
                }

                if (policy is not null)
                {
                    resource.Belfry.OverlapPolicy = Enum.TryParse<OverlapPolicyWire>(policy, ignoreCase: true, out var parsed)
                        ? parsed : throw new CliUsageException($"argument --overlap-policy: \"{policy}\" is not COALESCE, SKIP or ALLOW.");
                }
            }

            var created = await client.CreatePipelineAsync(new PipelineName(parent.Project, parent.Location, id), resource, ct).ConfigureAwait(false);
            await session.PrintAsync(parseResult, created, OutputFormat.Yaml, PipelineTables.Pipelines).ConfigureAwait(false);
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command PipelineCommand(CliSession session, string verb, string description, string? action, bool run)
    {
        var pipeline = PipelineArgument();
        var command = new Command(verb, description) { pipeline };
        command.SetAction((parseResult, cancellationToken) => session.RunAsync(parseResult, async (client, ct) =>
        {
            var id = Id(parseResult.GetRequiredValue(pipeline));
            var name = Name(session.Location(parseResult), id);
            var answer = await (action is null ? client.GetPipelineAsync(name, ct) : client.PipelineActionAsync(name, action, ct)).ConfigureAwait(false);
            await session.PrintAsync(parseResult, answer, OutputFormat.Yaml, run ? PipelineTables.Runs : PipelineTables.Pipelines).ConfigureAwait(false);
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command ListCommand(CliSession session)
    {
        var paging = new PagingOptions();
        var command = new Command("list", "List the pipelines of a location.");
        paging.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => session.RunAsync(parseResult, async (client, ct) =>
        {
            var parent = session.Location(parseResult);
            var pipelines = await paging.CollectAsync(parseResult,
                (size, token, c) => client.ListPipelinesAsync(parent, size, token, c), "pipelines", ct).ConfigureAwait(false);
            await session.PrintListAsync(parseResult, pipelines, OutputFormat.Table, PipelineTables.Pipelines).ConfigureAwait(false);
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command DeleteCommand(CliSession session)
    {
        var pipeline = PipelineArgument();
        var command = new Command("delete", "Delete a pipeline with its runs. Asks for confirmation on a terminal unless --quiet is given.") { pipeline };
        command.SetAction((parseResult, cancellationToken) => session.RunAsync(parseResult, async (client, ct) =>
        {
            var id = Id(parseResult.GetRequiredValue(pipeline));
            await DeletePrompt.EnsureConfirmedAsync(session.Environment, parseResult.GetValue(session.Options.Quiet), $"pipeline [{id}]").ConfigureAwait(false);

            await client.DeletePipelineAsync(Name(session.Location(parseResult), id), ct).ConfigureAwait(false);
            await session.Environment.Error.WriteLineAsync($"Deleted pipeline [{id}].").ConfigureAwait(false);
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command RunsListCommand(CliSession session)
    {
        var pipeline = PipelineArgument();
        var paging = new PagingOptions();
        var command = new Command("list", "List a pipeline's runs, newest first.") { pipeline };
        paging.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => session.RunAsync(parseResult, async (client, ct) =>
        {
            var parent = session.Location(parseResult);
            var id = Id(parseResult.GetRequiredValue(pipeline));
            var runs = await paging.CollectAsync(parseResult,
                (size, token, c) => client.ListPipelineRunsAsync(Name(parent, id), size, token, c), "runs", ct).ConfigureAwait(false);
            await session.PrintListAsync(parseResult, runs, OutputFormat.Table, PipelineTables.Runs).ConfigureAwait(false);
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command RunCommand(CliSession session, string verb, string description, string? action)
    {
        var pipeline = PipelineArgument();
        var run = new Argument<string>("RUN_ID") { Description = "The run's id (the last segment of its name)." };
        var command = new Command(verb, description) { pipeline, run };
        command.SetAction((parseResult, cancellationToken) => session.RunAsync(parseResult, async (client, ct) =>
        {
            var id = Id(parseResult.GetRequiredValue(pipeline));
            var name = Name(session.Location(parseResult), id);
            var runId = parseResult.GetRequiredValue(run);
            var answer = await (action is null ? client.GetPipelineRunAsync(name, runId, ct) : client.PipelineRunActionAsync(name, runId, action, ct))
                .ConfigureAwait(false);
            await session.PrintAsync(parseResult, answer, OutputFormat.Yaml, PipelineTables.Runs).ConfigureAwait(false);
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Argument<string> PipelineArgument() => new("PIPELINE") { Description = "ID of the pipeline." };

    private static string Id(string id) => ResourceId.IsValidId(id)
        ? id
        : throw new CliUsageException($"argument PIPELINE: invalid pipeline ID \"{id}\"; IDs have letters, digits, hyphens and underscores only");

    private static PipelineName Name(LocationName parent, string id) => new(parent.Project, parent.Location, id);
}
