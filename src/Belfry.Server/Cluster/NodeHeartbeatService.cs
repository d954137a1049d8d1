using Belfry.Core.Storage;
using Belfry.Server.Dispatch;
using Microsoft.Extensions.Options;

namespace Belfry.Server.Cluster;

/// <summary>
/// The node's heartbeat (issue 12): every <see cref="ClusterOptions.HeartbeatInterval"/>, on the local clock's timers, it
/// writes what the node is (<see cref="NodeIdentity"/>, the executions it holds, its last offset and refusal) and measures
/// the clock against the database's in the same round trip (<see cref="IClockOffsetSource"/>). Each measurement is
/// used as it is, not smoothed: a clock that steps is followed within one interval, and one measurement is off by at
/// most half its round trip. The measured offset corrects <see cref="ClusterClock"/>; beyond
/// <see cref="ClusterOptions.MaxClockOffset"/> the node refuses to plan and claim, says so once in its log and in every
/// heartbeat (written again at once when that changes), and dispatches again (woken at once) when a later measurement is
/// back within the bound. The first beat runs at start-up, before the dispatcher's first cycle; if it fails the node starts
/// uncorrected and retries each interval.
/// </summary>
internal sealed class NodeHeartbeatService(
    NodeIdentity identity,
    IClockOffsetSource source,
    ClusterClock clock,
    LeaseKeeper leases,
    DispatchSignal signal,
    IHostApplicationLifetime lifetime,
    IOptions<ClusterOptions> options,
    ILogger<NodeHeartbeatService> logger) : BackgroundService
{
    private readonly ClusterOptions _options = options.Value;
    private readonly SemaphoreSlim _beating = new(1, 1);
    private volatile string? _writtenAddress;
    private Task _bound = Task.CompletedTask;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await BeatOrLogAsync(cancellationToken).ConfigureAwait(false);

        // The first beat ran before the server bound (port 0 becomes a real port only then): once it has, tell the
        // others the real address rather than an interval later.
        lifetime.ApplicationStarted.Register(() =>
        {
            if (identity.Address != _writtenAddress)
            {
                _bound = BeatOrLogAsync(lifetime.ApplicationStopping);
            }
        });
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // The host signals ApplicationStopping before it stops hosted services: that beat is ending or has ended.
        await _bound.ConfigureAwait(false);
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        _beating.Dispose();
        base.Dispose();
    }

    /// <summary>One heartbeat: writes it, measures the offset, corrects the clock and decides whether to refuse. Tests call it.</summary>
    public async Task<ClockSample> BeatAsync(CancellationToken cancellationToken)
    {
        await _beating.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var sample = await source.HeartbeatAsync(Heartbeat(), cancellationToken).ConfigureAwait(false);
            if (Apply(sample.Offset))
            {
                // A heartbeat carries the state the one before it measured: on a change, tell the others now, not an
                // interval later. Measured again meanwhile; that measurement is used too, but repeats nothing.
                sample = await source.HeartbeatAsync(Heartbeat(), cancellationToken).ConfigureAwait(false);
                Apply(sample.Offset);
            }

            return sample;
        }
        finally
        {
            _beating.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.HeartbeatInterval, clock.Local, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            await BeatOrLogAsync(stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task BeatOrLogAsync(CancellationToken cancellationToken)
    {
        try
        {
            await BeatAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            Log.HeartbeatFailed(logger, identity.Id, Api.DurationFormat.Format(clock.Offset), e);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private NodeHeartbeat Heartbeat()
    {
        _writtenAddress = identity.Address;
        return new(identity.Id, _writtenAddress, NodeIdentity.Version, identity.StartTime, leases.Count, clock.Offset, clock.Refusal);
    }

    /// <summary>Corrects the clock by <paramref name="offset"/> and decides whether to refuse; true when that changed.</summary>
    private bool Apply(TimeSpan offset)
    {
        var bound = _options.MaxClockOffset;
        var refusal = offset.Duration() > bound
            ? $"clock offset {Api.DurationFormat.Format(offset)} from the database exceeds Belfry:Cluster:MaxClockOffset ({Api.DurationFormat.Format(bound)})"
            : null;
        var wasRefusing = clock.Refusal is not null;
        clock.Set(offset, refusal);
        if (refusal is not null && !wasRefusing)
        {
            Log.Refusing(logger, identity.Id, refusal);
            return true;
        }

        if (refusal is null && wasRefusing)
        {
            Log.Resumed(logger, identity.Id, Api.DurationFormat.Format(offset), Api.DurationFormat.Format(bound));
            signal.Wake();
            return true;
        }

        return false;
    }
}
