using System.CommandLine;
using Belfry.Cli.Commands;
using Belfry.Cli.Scheduler;

namespace Belfry.Cli.Auth;

/// <summary><c>belfry auth …</c>: gcloud's identity-token command, against the Belfry issuer.</summary>
internal static class AuthCommandFactory
{
    public static Command Create(CliEnvironment environment)
    {
        var options = new SchedulerOptions(environment);
        var session = new CliSession(environment, options);
        return new Command("auth", "Identity tokens signed by the Belfry server, for calling targets by hand.")
        {
            options.Endpoint,
            options.AdminTokenFile,
            PrintIdentityTokenCommand.Create(session),
        };
    }
}
