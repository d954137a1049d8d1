using Belfry.Core.Storage;
using Belfry.Server.Cluster;

namespace Belfry.Server.Tests.Cluster;

/// <summary>
/// An offset source whose measurement the test sets: the heartbeat is written to the real store as the server's own
/// source writes it, and the offset answered is <see cref="Offset"/>. Counts its beats, so a test can wait for the
/// heartbeat loop's.
/// </summary>
internal sealed class SettableOffsetSource : IClockOffsetSource, IDisposable
{
    private readonly SemaphoreSlim _beats = new(0);

    public INodeStore? Nodes { get; set; }

    public TimeSpan Offset { get; set; }

    public async Task<ClockSample> HeartbeatAsync(NodeHeartbeat heartbeat, CancellationToken cancellationToken)
    {
        await Nodes!.HeartbeatAsync(heartbeat, StoreClockOffsetSource.ForgetAfter, cancellationToken);
        _beats.Release();
        return new ClockSample(Offset, TimeSpan.Zero);
    }

    /// <summary>Waits for the next heartbeat to be written.</summary>
    public Task WaitForBeatAsync() => _beats.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

    public void Dispose() => _beats.Dispose();

    /// <summary>Forgets the beats counted so far.</summary>
    public void Reset()
    {
        while (_beats.CurrentCount > 0)
        {
            _beats.Wait(0, TestContext.Current.CancellationToken);
        }
    }
}
