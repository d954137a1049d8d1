using Belfry.Core.Jobs;
using Belfry.Core.Reports;
using Belfry.Core.Storage;
using Belfry.Server.Notifications;
using Belfry.Server.Retention;
using Belfry.Server.Tests.Infrastructure;
using Belfry.Storage.Sqlite;
using Belfry.Testing.Simulation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Belfry.Server.Tests.Retention;

/// <summary>The retention loop (<see cref="RetentionService"/>) on the clock's timer, and <c>Belfry:Retention</c> checked at start-up.</summary>
public sealed class RetentionServiceTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly JobName Job = new LocationName("p", "l").Job("nightly");
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("belfry-retention-").FullName;
    private readonly FakeTimeProvider _time = new(T0);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    [Fact]
    public async Task Service_IntervalPasses_ThePassOnTheTimerDeletesWhatAgedMeanwhile()
    {
        using var clock = new SignallingClock(_time);
        await using var stores = await SqliteStores.OpenAsync(_dataDirectory, _time, Ct);
        await FailedExecutionsAsync(stores, 2);
        using var service = Service(stores, clock, new RetentionOptions { ExecutionAge = TimeSpan.FromDays(7), Interval = TimeSpan.FromMinutes(5) });

        await service.StartAsync(Ct);
        await clock.TimerCreatedAsync(Ct); // the pass at start-up is done: nothing was old enough
        Assert.Equal(2, (await stores.Executions.ListExecutionsAsync(Job, 10, null, Ct)).Executions.Count);

        _time.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        await clock.TimerCreatedAsync(Ct); // the pass the timer woke is done

        Assert.Empty((await stores.Executions.ListExecutionsAsync(Job, 10, null, Ct)).Executions);
        await service.StopAsync(Ct);
    }

    [Fact]
    public async Task Service_ExecutionAgeZero_KeepsFinishedExecutionsButDeletesADeletedJobsHistory()
    {
        using var clock = new SignallingClock(_time);
        await using var stores = await SqliteStores.OpenAsync(_dataDirectory, _time, Ct);
        await FailedExecutionsAsync(stores, 3);
        var kept = new LocationName("p", "l").Job("kept");
        await stores.Jobs.CreateJobAsync(NewJob(kept), Ct);
        await stores.Jobs.CreateManualExecutionAsync(kept, T0, Ct);
        Assert.True(await stores.Jobs.DeleteJobAsync(Job, Ct));
        await using var history = new SimulatedJobHistory(Path.Combine(_dataDirectory, SqliteDatabase.FileName), Job.FullName, T0, TimeSpan.FromSeconds(1));
        Assert.Equal(4, await history.CountAsync("executions", Ct)); // the deleted job's three are still there
        using var service = Service(stores, clock, new RetentionOptions { ExecutionAge = TimeSpan.Zero });

        await service.StartAsync(Ct);
        await clock.TimerCreatedAsync(Ct); // the pass at start-up is done
        _time.Advance(TimeSpan.FromDays(3650));
        await clock.TimerCreatedAsync(Ct);

        Assert.Equal(1, await history.CountAsync("executions", Ct));
        Assert.Equal(0, await history.CountAsync("attempts", Ct));
        Assert.Equal(0, await history.CountAsync("deleted_jobs", Ct));
        Assert.Single((await stores.Executions.ListExecutionsAsync(kept, 10, null, Ct)).Executions);
        await service.StopAsync(Ct);
    }

    [Fact]
    public async Task Service_ExecutionAgeZero_DeletesRunCountsOnceTheirDayIsOlderThanKeepDays()
    {
        using var clock = new SignallingClock(_time);
        await using var stores = await SqliteStores.OpenAsync(_dataDirectory, _time, Ct);
        await FailedExecutionsAsync(stores, 2);
        using var service = Service(stores, clock, new RetentionOptions { ExecutionAge = TimeSpan.Zero });
        var day = RunCounts.DayOf(T0);

        await service.StartAsync(Ct);
        await clock.TimerCreatedAsync(Ct);
        _time.Advance(TimeSpan.FromDays(RunCounts.KeepDays - 1)); // T0's day is the oldest kept
        await clock.TimerCreatedAsync(Ct);
        Assert.Equal(2, Assert.Single((await stores.Executions.LowestRunRatesAsync(Job.Parent, day, 10, Ct)).Lowest).Runs);

        _time.Advance(TimeSpan.FromDays(1));
        await clock.TimerCreatedAsync(Ct);

        Assert.Equal(0, (await stores.Executions.LowestRunRatesAsync(Job.Parent, day, 10, Ct)).JobsWithRuns);
        Assert.Equal(2, (await stores.Executions.ListExecutionsAsync(Job, 10, null, Ct)).Executions.Count); // kept: age 0
        await service.StopAsync(Ct);
    }

    [Fact]
    public async Task Service_Disabled_NoLoop()
    {
        await using var stores = await SqliteStores.OpenAsync(_dataDirectory, _time, Ct);
        using var service = Service(stores, _time, new RetentionOptions { Enabled = false });

        await service.StartAsync(Ct);

        await service.ExecuteTask!.WaitAsync(Ct); // returned at once: no loop, no timer
    }

    [Theory]
    [InlineData("1.00:00:00")]
    [InlineData("6.23:59:59")]
    [InlineData("3651.00:00:00")]
    [InlineData("-1.00:00:00")]
    public async Task Start_ExecutionAgeOutOfBounds_Refused(string age)
    {
        await using var server = new BelfryServerFactory();
        server.Settings["Belfry:Retention:ExecutionAge"] = age;

        var ex = Assert.Throws<OptionsValidationException>(() => server.CreateClient().Dispose());

        Assert.Contains("Belfry:Retention:ExecutionAge", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:00:00", 0)]
    [InlineData("7.00:00:00", 7)]
    [InlineData("90.00:00:00", 90)]
    public async Task Start_ExecutionAgeZeroOrAWeekOrMore_Accepted(string age, int days)
    {
        await using var server = new BelfryServerFactory();
        server.Settings["Belfry:Retention:ExecutionAge"] = age;

        server.CreateClient().Dispose();

        Assert.Equal(TimeSpan.FromDays(days), server.Services.GetRequiredService<IOptions<RetentionOptions>>().Value.ExecutionAge);
    }

    private static RetentionService Service(SqliteStores stores, TimeProvider clock, RetentionOptions retention)
    {
        var options = Options.Create(retention);
        return new RetentionService(
            new ExecutionRetention(stores.Executions, stores.Pipelines, clock, options, NullLogger<ExecutionRetention>.Instance),
            new DeletedJobHistory(stores.Executions, clock, options, NullLogger<DeletedJobHistory>.Instance),
            new OutboxRetention(stores.Outbox, clock, Options.Create(new NotificationOptions()), options, NullLogger<OutboxRetention>.Instance),
            new RunCountRetention(stores.Executions, clock, options, NullLogger<RunCountRetention>.Instance),
            clock, options, NullLogger<RetentionService>.Instance);
    }

    private static Job NewJob(JobName name) => new()
    {
        Name = name,
        Schedule = "0 3 * * *",
        HttpTarget = new HttpTarget("http://127.0.0.1:9/nightly", HttpMethodKind.Post, [], ReadOnlyMemory<byte>.Empty, null),
        UserUpdateTime = T0,
    };

    /// <summary><paramref name="count"/> manual executions of the job, at T0, failed after their one attempt.</summary>
    private static async Task FailedExecutionsAsync(SqliteStores stores, int count)
    {
        await stores.Jobs.CreateJobAsync(NewJob(Job), Ct);
        for (var i = 0; i < count; i++)
        {
            var id = (await stores.Jobs.CreateManualExecutionAsync(Job, T0, Ct)).Id;
            var claim = Assert.Single(await stores.Queue.ClaimDueAttemptsAsync(T0, 10, TimeSpan.FromSeconds(30), Ct), c => c.Execution.Id == id);
            Assert.True(await stores.Queue.RecordAttemptAsync(new AttemptResult(
                id, Job, claim.AttemptNumber, claim.Epoch, T0, TimeSpan.FromSeconds(1), 500, "HTTP 500", false, null,
                new JobStatus(13, "HTTP 500"), T0.AddSeconds(1)), Ct));
        }
    }
}
