using System.CommandLine;
using Belfry.Cli.Commands;
using Belfry.Cli.Output;
using Belfry.Cli.Scheduler;

namespace Belfry.Cli.Keys;

/// <summary><c>belfry keys list|rotate</c>: the server's OIDC signing keys (docs/identity.md, "Rotation").</summary>
internal static class KeysCommandFactory
{
    public static Command Create(CliEnvironment environment)
    {
        var options = new SchedulerOptions(environment);
        var session = new CliSession(environment, options);

        var list = new Command("list", "List the signing keys the server publishes: the current one and retired ones whose tokens may still be valid.")
        {
            options.Filter,
        };
        list.SetAction((parseResult, cancellationToken) => session.RunAsync(parseResult, async (client, ct) =>
        {
            var answer = await client.ListKeysAsync(ct).ConfigureAwait(false);
            await session.PrintUnpagedListAsync(parseResult, answer, "keys", KeyTable.Format).ConfigureAwait(false);
            return 0;
        }, cancellationToken));

        var rotate = new Command("rotate",
            "Add a signing key that signs from now on. The previous key is retired but stays published until its tokens expire (1 h + 5 min). Prints the new key.");
        rotate.SetAction((parseResult, cancellationToken) => session.RunAsync(parseResult, async (client, ct) =>
        {
            var key = await client.RotateKeyAsync(ct).ConfigureAwait(false);
            await session.PrintAsync(parseResult, key, OutputFormat.Table, KeyTable.Format).ConfigureAwait(false);
            return 0;
        }, cancellationToken));

        return new Command("keys", "Manage the server's OIDC token signing keys.")
        {
            options.Endpoint,
            options.AdminTokenFile,
            options.Format,
            list,
            rotate,
        };
    }
}
