using System.Threading.Channels;

namespace Belfry.Server.Dispatch;

/// <summary>Wakes the dispatcher loop early: a job changed, a run was asked for, an attempt finished.</summary>
internal sealed class DispatchSignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Wake() => _channel.Writer.TryWrite(true);

    /// <summary>Completes when woken; consumes the wake-up.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        await _channel.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
    }
}
