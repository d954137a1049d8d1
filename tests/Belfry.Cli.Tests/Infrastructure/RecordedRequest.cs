namespace Belfry.Cli.Tests.Infrastructure;

/// <summary>One request the CLI made: method, path, decoded query string and body text.</summary>
internal sealed record RecordedRequest(string Method, string Path, string Query, string Body);
