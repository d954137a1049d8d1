namespace Belfry.AspNetCore.Endpoints;

/// <summary>
/// The jobs an endpoint runs (short ids or full names): a signed token for any other job is refused, and a request
/// without a signed job (a manual call, a Google header) is filed under the first one unless it names another.
/// </summary>
internal sealed record BatchJobNameMetadata(IReadOnlyList<string> JobNames);
