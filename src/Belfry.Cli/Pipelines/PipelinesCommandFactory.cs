using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Belfry.Cli.Commands;
using Belfry.Cli.Output;
using Belfry.Cli.Scheduler;
using Belfry.Contracts.Jobs;
using Belfry.Contracts.Pipelines;
using Belfry.Contracts.Serialization;
using Belfry.Core.Pipelines;

namespace Belfry.Cli.Pipelines;

/// <summary>
/// <c>belfry pipelines create|describe|list|delete|pause|resume|run</c>, <c>belfry pipelines runs
/// list|describe|resume|cancel</c> and <c>belfry pipelines steps executions</c> (docs/pipelines.md). Every command talks
/// to the server's v1 API.
/// </summary>
internal static class PipelinesCommandFactory
{
    /// <summary>Pipelines are named by ID only: a full name is reported as an invalid ID, as before the shared builders.</summary>
    private static readonly ResourceKind<PipelineName> Pipelines = new()
    {
        Noun = "pipeline",
        ArgumentName = "PIPELINE",
        ArgumentDescription = "ID of the pipeline.",
        Collection = "pipelines",
        Create = (parent, id) => new PipelineName(parent.Project, parent.Location, id),
        Id = name => name.PipelineId,
        Table = PipelineTables.Pipelines,
        Get = (client, name, ct) => client.GetPipelineAsync(name, ct),
        List = (client, parent, pageSize, pageToken, ct) => client.ListPipelinesAsync(parent, pageSize, pageToken, ct),
        Delete = (client, name, ct) => client.DeletePipelineAsync(name, ct),
    };

    public static Command Create(CliEnvironment environment)
    {
        var options = new SchedulerOptions(environment);
        var session = new CliSession(environment, options);
        var pipeline = Pipelines.Argument();
        var runs = new Command("runs", "List, describe, resume or cancel a pipeline's runs.")
        {
            ResourceCommands.List(session, "list", "List a pipeline's runs, newest first.", pipeline,
                parseResult =>
                {
                    // This command has always checked --location before the ID (the others check the ID first).
                    var parent = session.Location(parseResult);
                    return Pipelines.Resolve(parseResult.GetRequiredValue(pipeline), () => parent);
                },
                (client, name, pageSize, pageToken, ct) => client.ListPipelineRunsAsync(name, pageSize, pageToken, ct), "runs", PipelineTables.Runs),
            RunCommand(session, "describe", "Show a run: each step's state and every execution it was given (those that failed before a resume too), with attempts.", action: null),
            RunCommand(session, "resume", "Resume a FAILED or CANCELLED run: re-send its failed steps and what follows, never a succeeded step.", "resume"),
            RunCommand(session, "cancel", "Cancel a RUNNING run: outstanding steps are cancelled, an answer in flight is ignored.", "cancel"),
        };
        var steps = new Command("steps", "Read a pipeline's steps across runs.") { StepExecutionsCommand(session) };
        return options.LocationCommand(
            "pipelines",
            "Manage pipelines: scheduled chains of HTTP steps where a step runs only after those it depends on succeeded.",
            CreateCommand(session),
            ResourceCommands.Describe(session, Pipelines, "Show a pipeline."),
            ResourceCommands.List(session, Pipelines, "List the pipelines of a location."),
            ResourceCommands.Delete(session, Pipelines, "Delete a pipeline with its runs. Asks for confirmation on a terminal unless --quiet is given."),
            ActionCommand(session, "pause", "Pause a pipeline: no scheduled runs until resumed.", PipelineTables.Pipelines),
            ActionCommand(session, "resume", "Resume a paused pipeline (from now; no backlog).", PipelineTables.Pipelines),
            ActionCommand(session, "run", "Start a run now, whatever else is running. Prints the run.", PipelineTables.Runs),
            runs,
            steps);
    }

    /// <summary>
    /// <c>pipelines steps executions PIPELINE STEP</c>: what <c>jobs executions</c> shows for a job, for a step (whose
    /// target and alerts call it <c>{pipeline}-{step}</c>), across every run, the executions replaced by a resume too.
    /// </summary>
    private static Command StepExecutionsCommand(CliSession session)
    {
        var pipeline = Pipelines.Argument();
        var step = new Argument<string>("STEP") { Description = "The step's id in the pipeline (merge, not daily-pipeline-merge)." };
        var command = ResourceCommands.List(session, "executions",
            "List a step's executions across the pipeline's runs, newest first, with their delivery attempts (those replaced by a resume too).",
            pipeline,
            parseResult => (Pipeline: session.Resolve(Pipelines, parseResult, pipeline), Step: parseResult.GetRequiredValue(step)),
            (client, parent, pageSize, pageToken, ct) => client.ListStepExecutionsAsync(parent.Pipeline, parent.Step, pageSize, pageToken, ct),
            "executions", executions => ResourceViews.ExecutionTable(executions, timeZone: null));
        command.Arguments.Add(step);
        return command;
    }

    private static Command CreateCommand(CliSession session)
    {
        var pipeline = Pipelines.Argument();
        var schedule = new Option<string?>("--schedule") { Description = "Unix-cron schedule of the runs, e.g. \"0 6 * * *\".", HelpName = "SCHEDULE" };
        var timeZone = new Option<string?>("--time-zone") { Description = "IANA time zone of the schedule (default Etc/UTC).", HelpName = "TIME_ZONE" };
        var description = new Option<string?>("--description") { Description = "A description (at most 500 characters).", HelpName = "TEXT" };
        var steps = new Option<string[]>("--step")
        {
            Description = "A step: ID,uri=URL[,depends-on=A+B][,method=POST][,retry-count=N][,min-backoff=5s][,max-backoff=1h][,attempt-deadline=180s]" +
                "[,oidc-service-account-email=EMAIL][,oidc-token-audience=AUD]. Repeat for each step. Quote a value holding commas " +
                "(uri=\"https://x/?ids=1,2\") or escape them (\\,); headers and bodies need --from-file.",
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

            var created = await client.CreatePipelineAsync(Pipelines.Create(parent, id), resource, ct).ConfigureAwait(false);
            await session.PrintAsync(parseResult, created, OutputFormat.Yaml, PipelineTables.Pipelines).ConfigureAwait(false);
            return 0;
        }, cancellationToken));
        return command;
    }

    /// <summary><c>pause</c>, <c>resume</c> or <c>run</c>: a POST to <c>pipelines/ID:ACTION</c>, printing its answer.</summary>
    private static Command ActionCommand(CliSession session, string action, string description, Func<IReadOnlyList<JsonNode>, string> table) =>
        ResourceCommands.OnResource(session, Pipelines, action, description, async (parseResult, client, name, ct) =>
        {
            var answer = await client.PipelineActionAsync(name, action, ct).ConfigureAwait(false);
            await session.PrintAsync(parseResult, answer, OutputFormat.Yaml, table).ConfigureAwait(false);
            return 0;
        });

    private static Command RunCommand(CliSession session, string verb, string description, string? action)
    {
        var pipeline = Pipelines.Argument();
        var run = new Argument<string>("RUN_ID") { Description = "The run's id (the last segment of its name)." };
        var command = new Command(verb, description) { pipeline, run };
        command.SetAction((parseResult, cancellationToken) => session.RunAsync(parseResult, async (client, ct) =>
        {
            var name = session.Resolve(Pipelines, parseResult, pipeline);
            var runId = parseResult.GetRequiredValue(run);
            var answer = await (action is null ? client.GetPipelineRunAsync(name, runId, ct) : client.PipelineRunActionAsync(name, runId, action, ct))
                .ConfigureAwait(false);
            await session.PrintAsync(parseResult, answer, OutputFormat.Yaml, PipelineTables.Runs).ConfigureAwait(false);
            return 0;
        }, cancellationToken));
        return command;
    }
}
