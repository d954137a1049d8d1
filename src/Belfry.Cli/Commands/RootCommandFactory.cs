using System.CommandLine;
using Belfry.Cli.Alerts;
using Belfry.Cli.AsCode;
using Belfry.Cli.AsCode.Terraform;
using Belfry.Cli.Auth;
using Belfry.Cli.Channels;
using Belfry.Cli.Pipelines;
using Belfry.Cli.Cron;
using Belfry.Cli.Keys;
using Belfry.Cli.Locations;
using Belfry.Cli.Nodes;
using Belfry.Cli.Reports;
using Belfry.Cli.Scheduler;
using Belfry.Cli.Serving;

namespace Belfry.Cli.Commands;

/// <summary>The whole <c>belfry</c> command tree, bound to one <see cref="CliEnvironment"/>.</summary>
internal static class RootCommandFactory
{
    public static RootCommand Create(CliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var root = new RootCommand("Belfry: a self-hosted, Cloud Scheduler-compatible HTTP job scheduler.")
        {
            SchedulerCommandFactory.Create(environment),
            CronCommandFactory.Create(environment),
            ServeCommand.Create(environment),
            KeysCommandFactory.Create(environment),
            NodesCommandFactory.Create(environment),
            LocationsCommandFactory.Create(environment),
            AuthCommandFactory.Create(environment),
            ChannelsCommandFactory.Create(environment),
            AlertPoliciesCommandFactory.Create(environment),
            PipelinesCommandFactory.Create(environment),
            ReportCommand.Create(environment),
            ExecutionsCommandFactory.Create(environment),
            ImportCommandFactory.Create(environment),
        };
        foreach (var command in JobsAsCodeCommandFactory.Create(environment))
        {
            root.Subcommands.Add(command);
        }

        return root;
    }
}
