namespace Belfry.Cli.Commands;

/// <summary>A flag value found wrong after parsing (an unreadable file, say); reported like a parse error.</summary>
internal sealed class CliUsageException(string message, int exitCode = BelfryCli.UsageExitCode) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
