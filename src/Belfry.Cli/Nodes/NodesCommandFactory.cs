using System.CommandLine;
using Belfry.Cli.Commands;
using Belfry.Cli.Scheduler;

namespace Belfry.Cli.Nodes;

/// <summary><c>belfry nodes list</c>: the servers sharing the store, from their heartbeats (docs/semantics.md, "Clocks").</summary>
internal static class NodesCommandFactory
{
    public static Command Create(CliEnvironment environment)
    {
        var options = new SchedulerOptions(environment);
        var session = new CliSession(environment, options);

        var list = new Command("list",
            "List the servers sharing the store: id, state (ACTIVE, REFUSING: its clock is off beyond the bound, GONE: no heartbeat for 3 intervals), " +
            "address, version, start time, last heartbeat, executions held (armed, in flight, awaiting their record) and clock offset from the database.")
        {
            options.Filter,
        };
        list.SetAction((parseResult, cancellationToken) => session.RunAsync(parseResult, async (client, ct) =>
        {
            var answer = await client.ListNodesAsync(ct).ConfigureAwait(false);
            await session.PrintUnpagedListAsync(parseResult, answer, "nodes", NodeTable.Format).ConfigureAwait(false);
            return 0;
        }, cancellationToken));

        return new Command("nodes", "Show the servers (nodes) sharing the store.")
        {
            options.Endpoint,
            options.AdminTokenFile,
            options.Format,
            list,
        };
    }
}
