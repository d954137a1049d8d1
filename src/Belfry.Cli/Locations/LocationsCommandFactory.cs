using System.CommandLine;
using Belfry.Cli.Commands;
using Belfry.Cli.Scheduler;

namespace Belfry.Cli.Locations;

/// <summary>
/// <c>belfry locations list</c>: the project's locations, the configured ones and every one that holds a job, pipeline,
/// channel or alert policy (issue 15), to find where things are before naming <c>--location</c>.
/// </summary>
internal static class LocationsCommandFactory
{
    public static Command Create(CliEnvironment environment)
    {
        var options = new SchedulerOptions(environment);
        var session = new CliSession(environment, options);

        var list = new Command("list",
            "List the project's locations: the server's configured ones and every location that holds a job, pipeline, channel or alert policy.")
        {
            options.Filter,
        };
        list.SetAction((parseResult, cancellationToken) => session.RunAsync(parseResult, async (client, ct) =>
        {
            var answer = await client.ListLocationsAsync(session.Project(parseResult), ct).ConfigureAwait(false);
            await session.PrintUnpagedListAsync(parseResult, answer, "locations", LocationTable.Format).ConfigureAwait(false);
            return 0;
        }, cancellationToken));

        return new Command("locations", "Show the locations of a project.")
        {
            options.Project,
            options.Endpoint,
            options.AdminTokenFile,
            options.Format,
            list,
        };
    }
}
