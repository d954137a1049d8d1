using System.CommandLine;
using System.Text.Json.Nodes;
using Belfry.Cli.Commands;
using Belfry.Cli.Http;

namespace Belfry.Cli.Auth;

/// <summary>
/// <c>belfry auth print-identity-token --audiences=URL [--impersonate-service-account=EMAIL]</c>: asks the server
/// (<c>:generateIdToken</c>) for a token and prints it bare, with a newline, so <c>TOKEN=$(belfry auth …)</c> works.
/// </summary>
internal static class PrintIdentityTokenCommand
{
    /// <summary>The account a token names when none is impersonated.</summary>
    public const string DefaultServiceAccount = "belfry-cli@belfry.local";

    public static Command Create(CliSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var audiences = new Option<string>("--audiences")
        {
            Description = "The token's audience (aud), exactly as the target expects it: usually the target's URL.",
            HelpName = "AUDIENCE",
            Required = true,
            CustomParser = FlagParsers.NonEmpty!,
        };
        var impersonate = new Option<string?>("--impersonate-service-account")
        {
            Description = "The service account the token names (sub and email). Default: " + DefaultServiceAccount + ".",
            HelpName = "SERVICE_ACCOUNT_EMAIL",
            CustomParser = FlagParsers.NonEmpty,
        };
        var command = new Command("print-identity-token",
            "Print an identity token signed by the Belfry server (1 hour), for a manual call: " +
            "curl -H \"Authorization: Bearer $(belfry auth print-identity-token --audiences=URL)\" URL")
        {
            audiences,
            impersonate,
        };
        command.SetAction((parseResult, cancellationToken) => session.RunAsync(parseResult, async (client, ct) =>
        {
            var account = parseResult.GetValue(impersonate) ?? DefaultServiceAccount;
            var answer = await client.GenerateIdTokenAsync(account, parseResult.GetRequiredValue(audiences), ct).ConfigureAwait(false);
            var token = answer["token"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
            if (string.IsNullOrEmpty(token))
            {
                throw new BelfryApiException(200, "INTERNAL", "The server's answer has no token.");
            }

            await session.Environment.Out.WriteLineAsync(token).ConfigureAwait(false);
            return 0;
        }, cancellationToken));
        return command;
    }
}
