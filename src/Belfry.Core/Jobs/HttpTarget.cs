namespace Belfry.Core.Jobs;

/// <summary>Where and how a job's request goes. Headers keep their given order.</summary>
internal sealed record HttpTarget(
    string Uri,
    HttpMethodKind HttpMethod,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    ReadOnlyMemory<byte> Body,
    OidcToken? OidcToken)
{
    public bool Equals(HttpTarget? other) =>
        other is not null && Uri == other.Uri && HttpMethod == other.HttpMethod &&
        Headers.SequenceEqual(other.Headers) && Body.Span.SequenceEqual(other.Body.Span) &&
        Equals(OidcToken, other.OidcToken);

    public override int GetHashCode() => HashCode.Combine(Uri, HttpMethod, Headers.Count, Body.Length, OidcToken);
}
