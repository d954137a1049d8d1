namespace Belfry.Cli.Output.Filters;

/// <summary>A <c>--filter</c> expression that cannot be read; the message says where and why.</summary>
internal sealed class FilterSyntaxException(string message) : Exception(message);
