namespace Belfry.Server.Hosting;

/// <summary>
/// The loop of a background worker (the dispatcher, the notification relay): run a cycle, which answers how long
/// until it has work again; wait that long, at most <c>maxWait</c>; after a failed cycle, pause a second rather than
/// spin on a broken database. Stopping ends the loop between cycles or during a wait, never with an exception.
/// </summary>
internal static class WorkerLoop
{
    private static readonly TimeSpan ErrorPause = TimeSpan.FromSeconds(1);

    public static async Task RunAsync(
        Func<CancellationToken, Task<TimeSpan>> cycle,
        Func<TimeSpan, CancellationToken, Task> wait,
        TimeSpan maxWait,
        Action<Exception> failed,
        CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan delay;
            try
            {
                delay = await cycle(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                failed(e);
                delay = ErrorPause;
            }
            catch (OperationCanceledException)
            {
                break;
            }

            delay = delay > maxWait ? maxWait : delay;
            if (delay <= TimeSpan.Zero)
            {
                continue;
            }

            try
            {
                await wait(delay, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }
    }
}
