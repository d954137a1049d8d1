namespace Belfry.Cli.Http;

/// <summary>No answer from the server at all: refused, unresolvable, or timed out.</summary>
internal sealed class BelfryConnectionException(Uri endpoint, string reason, Exception innerException)
    : Exception($"Could not reach the Belfry server at {endpoint.AbsoluteUri.TrimEnd('/')}: {reason}.", innerException)
{
    public Uri Endpoint { get; } = endpoint;
}
