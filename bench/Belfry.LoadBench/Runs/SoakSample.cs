namespace Belfry.LoadBench.Runs;

/// <summary>
/// The child at one moment of the soak: seconds since the load started, VmRSS after a full collection, the store's
/// bytes in use and on disk (<see cref="Peers.BelfryPeer.DatabaseBytesAsync"/>) and its rows.
/// </summary>
internal sealed record SoakSample(double Seconds, double RssMb, double DatabaseUsedMb, double DatabaseOnDiskMb, long Executions, long Attempts, long Notifications)
{
    public long Rows => Executions + Attempts + Notifications;

    /// <summary>Bytes in use per stored row: what should stay put while the store only grows by rows.</summary>
    public double BytesPerRow => Rows == 0 ? 0 : DatabaseUsedMb * 1024 * 1024 / Rows;
}
