using Belfry.Server.Hosting;

namespace Belfry.Server.Tests.Hosting;

public sealed class WorkerLoopTests
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task RunAsync_CycleAnswers_WaitsThatLongAtMostMaxWaitAndSkipsNonPositiveWaits()
    {
        var answers = new Queue<TimeSpan>([TimeSpan.FromSeconds(2), TimeSpan.FromHours(1), TimeSpan.Zero, TimeSpan.FromSeconds(-3)]);
        var waits = new List<TimeSpan>();
        using var stop = new CancellationTokenSource();

        await WorkerLoop.RunAsync(
            _ =>
            {
                if (answers.Count == 0)
                {
                    stop.Cancel();
                    return Task.FromResult(TimeSpan.Zero);
                }

                return Task.FromResult(answers.Dequeue());
            },
            (wait, _) => { waits.Add(wait); return Task.CompletedTask; },
            MaxWait,
            e => Assert.Fail(e.ToString()),
            stop.Token);

        Assert.Equal([TimeSpan.FromSeconds(2), MaxWait], waits);
    }

    [Fact]
    public async Task RunAsync_CycleThrows_ToldAndPausesASecondThenRunsAgain()
    {
        var cycles = 0;
        var failures = new List<Exception>();
        var waits = new List<TimeSpan>();
        using var stop = new CancellationTokenSource();

        await WorkerLoop.RunAsync(
            _ =>
            {
                if (++cycles == 1)
                {
                    throw new InvalidOperationException("database is gone");
                }

                stop.Cancel();
                return Task.FromResult(TimeSpan.Zero);
            },
            (wait, _) => { waits.Add(wait); return Task.CompletedTask; },
            MaxWait,
            failures.Add,
            stop.Token);

        Assert.Equal(2, cycles);
        Assert.Equal("database is gone", Assert.Single(failures).Message);
        Assert.Equal([TimeSpan.FromSeconds(1)], waits);
    }

    [Fact]
    public async Task RunAsync_StoppedDuringAWait_EndsWithoutAnExceptionOrAnotherCycle()
    {
        var cycles = 0;
        using var stop = new CancellationTokenSource();

        await WorkerLoop.RunAsync(
            _ => { cycles++; return Task.FromResult(TimeSpan.FromSeconds(3)); },
            async (wait, ct) =>
            {
                await stop.CancelAsync();
                ct.ThrowIfCancellationRequested();
            },
            MaxWait,
            e => Assert.Fail(e.ToString()),
            stop.Token);

        Assert.Equal(1, cycles);
    }

    [Fact]
    public async Task RunAsync_CycleCancelledByStopping_EndsWithoutTellingAFailure()
    {
        using var stop = new CancellationTokenSource();

        await WorkerLoop.RunAsync(
            async ct =>
            {
                await stop.CancelAsync();
                ct.ThrowIfCancellationRequested();
                return TimeSpan.Zero;
            },
            (_, _) => Task.CompletedTask,
            MaxWait,
            e => Assert.Fail(e.ToString()),
            stop.Token);
    }
}
