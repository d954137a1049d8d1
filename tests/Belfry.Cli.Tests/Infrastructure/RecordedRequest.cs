namespace Belfry.Cli.Tests.Infrastructure;

/// <summary>One request the CLI made: method, path, decoded query string, body text and Authorization header (if any).</summary>
internal sealed record RecordedRequest(string Method, string Path, string Query, string Body, string? Authorization = null);
