namespace Belfry.Server.Health;

/// <summary>
/// One thing <c>GET /readyz</c> asks (<see cref="ReadinessEndpoints"/>): a server is ready when every check registered
/// as <see cref="IReadinessCheck"/> finds no problem. A new check is one more singleton.
/// </summary>
internal interface IReadinessCheck
{
    /// <summary>The key the check's problem is reported under (<c>store</c>).</summary>
    string Name { get; }

    /// <summary>
    /// Why the server is not ready, fit for anyone who can reach <c>/readyz</c> (no secrets); null when ready. Bounds
    /// its own time: a probe must answer even when what it asks does not.
    /// </summary>
    ValueTask<string?> FindProblemAsync(CancellationToken cancellationToken);
}
