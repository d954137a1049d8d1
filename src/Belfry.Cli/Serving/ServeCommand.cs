using System.CommandLine;
using Belfry.Cli.Commands;
using Belfry.Server.Hosting;

namespace Belfry.Cli.Serving;

/// <summary>
/// <c>belfry serve [--data-dir DIR] [--store CONNECTION] [--host-port HOST:PORT] [--issuer URL] [--admin-token-file FILE] [--allowed-hosts HOSTS]
/// [--allowed-origins ORIGINS] [--trust-proxy] [--secrets-dir DIR] [--log-format text|json]
/// [--execution-retention AGE]</c>: runs the scheduler server in this process.
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
        // No default value in --help: it would print BELFRY_STORE, password and all. The server reads the variable itself.
        var store = new Option<string?>("--store")
        {
            Description = "The PostgreSQL database that a cluster of nodes shares, as an Npgsql connection string " +
                "(\"Host=db;Username=belfry;Database=belfry\") or a postgres://user@host:5432/database URL. Default: $BELFRY_STORE; " +
                "without either, the embedded SQLite store in --data-dir. Prefer the variable or a passfile to a password on the command line.",
            HelpName = "CONNECTION",
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
        var allowedHosts = new Option<string?>("--allowed-hosts")
        {
            Description = "More Host names the admin API answers to, comma-separated (e.g. belfry.internal,*.corp.example; * for any). " +
                "Always allowed: localhost, loopback addresses, the listen address and the hosts of --issuer and Belfry:DashboardUrl.",
            HelpName = "HOSTS",
        };
        var allowedOrigins = new Option<string?>("--allowed-origins")
        {
            Description = "Browser origins allowed to call the admin API, with CORS headers, comma-separated (e.g. https://console.example). " +
                "Default: none; every request from another site's page is refused.",
            HelpName = "ORIGINS",
        };
        var trustProxy = new Option<bool>("--trust-proxy")
        {
            Description = "A reverse proxy on this machine forwards to the server: its X-Forwarded-Host is checked as the host, and " +
                "forwarded requests need the admin token (required with this flag). Without it, forwarded requests are refused " +
                "unless an admin token is set.",
        };
        var logFormat = new Option<string>("--log-format")
        {
            Description = "How log lines are written to stdout: text, or json (one JSON object per line with timestamp, severity " +
                "DEBUG/INFO/WARNING/ERROR/CRITICAL, category, message and the structured fields, for a log shipper).",
            HelpName = "text|json",
            DefaultValueFactory = _ => "text",
        };
        logFormat.AcceptOnlyFromAmong("text", "json");
        var executionRetention = new Option<TimeSpan?>("--execution-retention")
        {
            Description = "Delete finished executions and pipeline runs, with their attempts, this long after they finished, e.g. 90d. " +
                "0 keeps everything; otherwise at least 7d. Default: 30d.",
            HelpName = "AGE",
            CustomParser = FlagParsers.Duration,
        };
        var command = new Command("serve", "Run the Belfry scheduler server until interrupted (Ctrl+C).")
        {
            dataDir, store, hostPort, issuer, adminTokenFile, allowedHosts, allowedOrigins, trustProxy, secretsDir, logFormat, executionRetention,
        };
        command.SetAction((parseResult, cancellationToken) => environment.RunServerAsync(
            new ServeSettings(parseResult.GetRequiredValue(dataDir), parseResult.GetRequiredValue(hostPort))
            {
                Store = parseResult.GetValue(store),
                Issuer = parseResult.GetValue(issuer),
                AdminTokenFile = parseResult.GetValue(adminTokenFile),
                AllowedHosts = parseResult.GetValue(allowedHosts),
                AllowedOrigins = parseResult.GetValue(allowedOrigins),
                TrustProxy = parseResult.GetValue(trustProxy),
                SecretsDirectory = parseResult.GetValue(secretsDir),
                LogFormat = parseResult.GetValue(logFormat),
                ExecutionRetention = parseResult.GetValue(executionRetention),
            },
            cancellationToken));
        return command;
    }
}
