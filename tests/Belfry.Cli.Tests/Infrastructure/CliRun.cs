namespace Belfry.Cli.Tests.Infrastructure;

/// <summary>The outcome of one in-process <c>belfry</c> invocation.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error);
