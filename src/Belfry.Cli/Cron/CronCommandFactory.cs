using System.CommandLine;

namespace Belfry.Cli.Cron;

/// <summary><c>belfry cron …</c>: schedule tools that need no server.</summary>
internal static class CronCommandFactory
{
    public static Command Create(CliEnvironment environment) =>
        new("cron", "Work with cron schedules locally (no server needed).") { CronNextCommand.Create(environment) };
}
