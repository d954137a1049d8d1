namespace Belfry.EndToEnd.Tests.Infrastructure;

/// <summary>What a finished <c>belfry</c> command printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
