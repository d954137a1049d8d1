using Belfry.LoadBench.Sink;

namespace Belfry.LoadBench.Peers;

/// <summary>
/// The machine's limit, not a scheduler: no store, no planning, no bookkeeping. Each second (steady) or at the
/// instant (burst) one timer sends every job's request with <see cref="SinkRequest"/>, at most <c>--concurrency</c>
/// awaiting an answer, as fast as HttpClient and the sink allow. What a scheduler adds to a delivery is its distance
/// from this figure (bench/README.md, "What limits Belfry").
/// </summary>
internal sealed class CeilingPeer(Uri sink, int concurrency) : IPeer
{
    private readonly List<(string Id, DateTimeOffset? At)> _jobs = [];
    private readonly SemaphoreSlim _slots = new(concurrency, concurrency);
    private ITimer? _timer;
    private DateTimeOffset _nextSecond;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _timer = TimeProvider.System.CreateTimer(_ => Fire(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        return Task.CompletedTask;
    }

    public Task AddJobsAsync(IReadOnlyList<string> jobIds, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        lock (_jobs)
        {
            _jobs.AddRange(jobIds.Select(id => (id, at)));
        }

        ArmForNextSecond();
        return Task.CompletedTask;
    }

    /// <summary>Sets the timer for the next whole second after <paramref name="after"/>.</summary>
    private void ArmForNextSecond(DateTimeOffset? after = null)
    {
        var from = after ?? DateTimeOffset.UtcNow;
        var next = new DateTimeOffset(from.Ticks - from.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero).AddSeconds(1);
        lock (_jobs)
        {
            _nextSecond = next;
            var wait = next - DateTimeOffset.UtcNow;
            _timer!.Change(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }

    private void Fire()
    {
        DateTimeOffset second;
        List<string> due;
        lock (_jobs)
        {
            second = _nextSecond;
            var early = second - DateTimeOffset.UtcNow;
            if (early > TimeSpan.Zero)
            {
                // A timer may fire a little before its time by this clock: never send early.
                _timer!.Change(early, Timeout.InfiniteTimeSpan);
                return;
            }

            due = [.. _jobs.Where(j => j.At is null || j.At == second).Select(j => j.Id)];
        }

        ArmForNextSecond(second);
        foreach (var id in due)
        {
            _ = SendAsync(id, second);
        }
    }

    private async Task SendAsync(string id, DateTimeOffset scheduled)
    {
        await _slots.WaitAsync();
        try
        {
            await SinkRequest.PostAsync(sink, id, scheduled, CancellationToken.None);
        }
        catch (HttpRequestException)
        {
            // A failed delivery shows as lost in the report.
        }
        finally
        {
            _slots.Release();
        }
    }
}
