using System.CommandLine;
using Belfry.Server.Hosting;

namespace Belfry.Cli.Serving;

/// <summary><c>belfry serve [--data-dir DIR] [--host-port HOST:PORT]</c>: runs the scheduler server in this process.</summary>
internal static class ServeCommand
{
    public const string DefaultDataDirectory = "./.belfry";

    public static Command Create(CliEnvironment environment)
    {
        var dataDir = new Option<string>("--data-dir")
        {
            Description = "Directory of the server's data (the SQLite store and signing keys); created if missing.",
            HelpName = "DIR",
            DefaultValueFactory = _ => DefaultDataDirectory,
        };
        var hostPort = new Option<string>("--host-port")
        {
            Description = "Address and port to listen on, e.g. 127.0.0.1:8085 or 0.0.0.0:8085.",
            HelpName = "HOST:PORT",
            DefaultValueFactory = _ => BelfryServerHost.DefaultHostPort,
        };
        var command = new Command("serve", "Run the Belfry scheduler server until interrupted (Ctrl+C).") { dataDir, hostPort };
        command.SetAction((parseResult, cancellationToken) => environment.RunServerAsync(
            parseResult.GetRequiredValue(dataDir), parseResult.GetRequiredValue(hostPort), cancellationToken));
        return command;
    }
}
