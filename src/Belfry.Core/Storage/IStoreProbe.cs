namespace Belfry.Core.Storage;

/// <summary>
/// Whether the store can serve the node now, for <c>GET /readyz</c> (issue 15): opened with every migration applied,
/// and answering a query.
/// </summary>
internal interface IStoreProbe
{
    /// <summary>True once <see cref="IStoreStartup.OpenAsync"/> has succeeded: the lock taken and every migration applied.</summary>
    bool IsOpen { get; }

    /// <summary>One cheap read; throws what the store throws when it does not answer.</summary>
    Task PingAsync(CancellationToken cancellationToken);
}
