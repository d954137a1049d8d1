namespace Belfry.Cli.Commands;

/// <summary>gcloud's delete confirmation: asked only on a terminal without --quiet; empty or end of input means yes.</summary>
internal static class DeletePrompt
{
    /// <summary>
    /// Asks before deleting <paramref name="what"/> (e.g. <c>job [sync-daily-data]</c>) unless <c>--quiet</c> was
    /// given or input is not a terminal; throws "Aborted by user." (exit 1) on no.
    /// </summary>
    public static async Task EnsureConfirmedAsync(CliEnvironment environment, bool quiet, string what)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!quiet && environment.IsInputTerminal && !await ConfirmAsync(environment, what).ConfigureAwait(false))
        {
            throw new CliUsageException("Aborted by user.", exitCode: 1);
        }
    }

    public static async Task<bool> ConfirmAsync(CliEnvironment environment, string what)
    {
        ArgumentNullException.ThrowIfNull(environment);
        await environment.Error.WriteLineAsync($"You are about to delete {what}.").ConfigureAwait(false);
        while (true)
        {
            await environment.Error.WriteAsync("Do you want to continue (Y/n)?  ").ConfigureAwait(false);
            await environment.Error.FlushAsync().ConfigureAwait(false);
            switch ((await environment.In.ReadLineAsync().ConfigureAwait(false))?.Trim().ToUpperInvariant())
            {
                case null or "" or "Y" or "YES":
                    return true;
                case "N" or "NO":
                    return false;
                default:
                    await environment.Error.WriteLineAsync("Please enter 'y' or 'n':").ConfigureAwait(false);
                    break;
            }
        }
    }
}
