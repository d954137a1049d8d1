using System.CommandLine;
using Belfry.Server.Hosting;

namespace Belfry.Cli.Serving;

/// <summary>
/// <c>belfry serve [--data-dir DIR] [--host-port HOST:PORT] [--issuer URL] [--admin-token-file FILE]
/// [--secrets-dir DIR]</c>: runs the
/// scheduler server in this process.
/// </summary>
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
        var issuer = new Option<string?>("--issuer")
        {
            Description = "The OIDC issuer (iss) of the tokens the server signs, and the base of its discovery URLs. " +
                "Default: the server's own URL, e.g. http://127.0.0.1:8085. Set it when targets reach the server by another name.",
            HelpName = "URL",
        };
        var adminTokenFile = new Option<string?>("--admin-token-file")
        {
            Description = "File holding the admin API's bearer token. Default: $BELFRY_ADMIN_TOKEN. Required (one or the other) " +
                "when --host-port is not a loopback address; on loopback without a token the admin API is open.",
            HelpName = "FILE",
        };
        var secretsDir = new Option<string?>("--secrets-dir")
        {
            Description = "The only directory whose files channels may name as file: secret references (relative ones are taken in it). " +
                "Default: DATA_DIR/secrets.",
            HelpName = "DIR",
        };
        var command = new Command("serve", "Run the Belfry scheduler server until interrupted (Ctrl+C).")
        {
            dataDir, hostPort, issuer, adminTokenFile, secretsDir,
        };
        command.SetAction((parseResult, cancellationToken) => environment.RunServerAsync(
            new ServeSettings(parseResult.GetRequiredValue(dataDir), parseResult.GetRequiredValue(hostPort))
            {
                Issuer = parseResult.GetValue(issuer),
                AdminTokenFile = parseResult.GetValue(adminTokenFile),
                SecretsDirectory = parseResult.GetValue(secretsDir),
            },
            cancellationToken));
        return command;
    }
}
