namespace Belfry.Core.Storage;

/// <summary>
/// Tells a fault of the whole store from a fault of the rows one write touched (issue 14, M8). A full disk, a database
/// locked by another process, a lost connection or a server shutting down fails every write alike, so retrying the
/// same write later is right and splitting it up is pointless; anything else may be about one row, so a batch that
/// failed is split to find it.
/// </summary>
internal interface IStoreFaults
{
    /// <summary>
    /// A short reason fit for a log line and <c>/readyz</c> (never a connection string or a password) when
    /// <paramref name="exception"/> is a fault of the whole store; null when it may be about the rows written.
    /// </summary>
    string? Unavailable(Exception exception);
}
