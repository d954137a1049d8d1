using Belfry.Core.Executions;
using Belfry.Core.Jobs;
using Belfry.Core.Planning;
using Belfry.Core.Storage;

namespace Belfry.Storage.ContractTests;

public abstract partial class JobStoreContractTests
{
    [Fact]
    public async Task RecordAttempt_FailedWithRetryTime_PendingUntilThenClaimedAsAttemptTwo()
    {
        var job = await CreateJobAsync(TestJobs.Minimal("retry", StoreTime.T0));
        await Jobs.CreateManualExecutionAsync(job.Name, StoreTime.T0, Ct);
        var first = await ClaimSingleAsync(StoreTime.T0);
        var retryAt = StoreTime.T0.AddSeconds(10);

        Assert.True(await Queue.RecordAttemptAsync(Result(first, StoreTime.T0, false, retryAt, 503, "Service Unavailable"), Ct));

        var waiting = await GetExecutionAsync(job.Name, first.Execution.Id);
        Assert.Equal((ExecutionState.Pending, retryAt, 503, "Service Unavailable"), (waiting.State, waiting.NextAttemptTime!.Value, waiting.LastStatusCode!.Value, waiting.LastError));
        Assert.Null(waiting.FinishTime);
        var afterFailure = (await Jobs.GetJobAsync(job.Name, Ct))!;
        Assert.Equal(new JobStatus(14, "HTTP 503"), afterFailure.Status);
        Assert.Equal(StoreTime.T0, afterFailure.LastAttemptTime);
        Assert.True(afterFailure.Version > job.Version);

        Assert.Empty(await ClaimAsync(retryAt.AddTicks(-10)));
        var second = await ClaimSingleAsync(retryAt);

        Assert.Equal((first.Execution.Id, 2, first.Epoch), (second.Execution.Id, second.AttemptNumber, second.Epoch));
        Assert.Equal(StoreTime.T0, second.Execution.FirstAttemptTime);
        Assert.True(await Queue.RecordAttemptAsync(Result(second, retryAt, true, null), Ct));
        var done = await GetExecutionAsync(job.Name, first.Execution.Id);
        Assert.Equal((ExecutionState.Succeeded, 2, 200), (done.State, done.AttemptCount, done.LastStatusCode!.Value));
        Assert.Null(done.LastError);
        Assert.Null(done.NextAttemptTime);
        Assert.Equal(retryAt.AddMilliseconds(250), done.FinishTime);
        Assert.Equal(new JobStatus(0, ""), (await Jobs.GetJobAsync(job.Name, Ct))!.Status);
    }

    [Fact]
    public async Task RecordAttempt_FailedWithoutRetryTime_ExecutionFailsAndIsNotClaimedAgain()
    {
        var job = await CreateJobAsync(TestJobs.Minimal("fail", null));
        await Jobs.CreateManualExecutionAsync(job.Name, StoreTime.T0, Ct);
        var claim = await ClaimSingleAsync(StoreTime.T0);

        Assert.True(await Queue.RecordAttemptAsync(Result(claim, StoreTime.T0, false, null, null, "connection refused"), Ct));

        var failed = await GetExecutionAsync(job.Name, claim.Execution.Id);
        Assert.Equal((ExecutionState.Failed, StoreTime.T0.AddMilliseconds(250), "connection refused"), (failed.State, failed.FinishTime!.Value, failed.LastError));
        Assert.Null(failed.NextAttemptTime);
        Assert.Empty(await ClaimAsync(StoreTime.T0.AddDays(1)));
        Assert.Null((await Queue.GetNextDueAsync(Ct)).Earliest);
    }

    [Fact]
    public async Task RecordAttempt_NotTheCurrentAttempt_ReturnsFalseAndWritesNothing()
    {
        var job = await CreateJobAsync(TestJobs.Minimal("fenced", StoreTime.T0));
        await Jobs.CreateManualExecutionAsync(job.Name, StoreTime.T0, Ct);
        var claim = await ClaimSingleAsync(StoreTime.T0);
        var ok = Result(claim, StoreTime.T0, true, null);

        Assert.False(await Queue.RecordAttemptAsync(ok with { Epoch = claim.Epoch + 1 }, Ct));
        Assert.False(await Queue.RecordAttemptAsync(ok with { AttemptNumber = 2 }, Ct));
        Assert.False(await Queue.RecordAttemptAsync(ok with { ExecutionId = "0123456789abcdef0123456789abcdef" }, Ct));
        Assert.Empty((await GetExecutionAsync(job.Name, claim.Execution.Id)).Attempts);
        Assert.Equal(job, await Jobs.GetJobAsync(job.Name, Ct));

        Assert.True(await Queue.RecordAttemptAsync(ok, Ct));
        Assert.False(await Queue.RecordAttemptAsync(ok, Ct));
        Assert.Single((await GetExecutionAsync(job.Name, claim.Execution.Id)).Attempts);
    }

    [Fact]
    public async Task RecordAttempt_FinalWithDeferredTimeAndNothingElseOutstanding_StartsTheDeferredTime()
    {
        var job = await CreateJobAsync(TestJobs.Minimal("coalesce", StoreTime.T0));
        var running = await PlanFiredAsync(StoreTime.T0, d => FireOnce(d, TimeSpan.FromMinutes(1)));
        var deferred = StoreTime.T0.AddMinutes(1);
        await PlanAsync(deferred, d => new OccurrencePlan([], [], [], deferred, deferred.AddMinutes(1)));
        var finishedAt = deferred.AddSeconds(20);

        Assert.True(await Queue.RecordAttemptAsync(Result(running, finishedAt, true, null), Ct));

        var executions = await ListAllExecutionsAsync(job.Name);
        var started = Assert.Single(executions, e => e.State == ExecutionState.Pending);
        Assert.Equal((deferred, ExecutionTrigger.Scheduled, finishedAt.AddMilliseconds(250)), (started.ScheduleTime, started.Trigger, started.NextAttemptTime!.Value));
        var next = Assert.Single(await PlanAsync(deferred.AddMinutes(1), d => FireOnce(d, TimeSpan.FromMinutes(1)) with { Fire = [] }));
        Assert.Null(next.DeferredTime);
        Assert.Equal(1, next.OutstandingExecutions);
    }

    [Fact]
    public async Task RecordAttempt_FinalWhileAnotherIsOutstanding_KeepsTheDeferredTimeWaiting()
    {
        var job = await CreateJobAsync(TestJobs.Minimal("still-busy", StoreTime.T0));
        var running = await PlanFiredAsync(StoreTime.T0, d => FireOnce(d, TimeSpan.FromMinutes(1)));
        await Jobs.CreateManualExecutionAsync(job.Name, StoreTime.T0.AddMinutes(5), Ct);
        var deferred = StoreTime.T0.AddMinutes(1);
        await PlanAsync(deferred, d => new OccurrencePlan([], [], [], deferred, deferred.AddMinutes(1)));

        Assert.True(await Queue.RecordAttemptAsync(Result(running, deferred, true, null), Ct));

        Assert.Single(await ListAllExecutionsAsync(job.Name), e => e.State == ExecutionState.Pending);
        var next = Assert.Single(await PlanAsync(deferred.AddMinutes(1), d => FireOnce(d, TimeSpan.FromMinutes(1)) with { Fire = [] }));
        Assert.Equal(deferred, next.DeferredTime);
    }

    [Fact]
    public async Task UpdateJob_Paused_DropsTheDeferredTime()
    {
        var job = await CreateJobAsync(TestJobs.Minimal("pause", StoreTime.T0));
        var running = await PlanFiredAsync(StoreTime.T0, d => FireOnce(d, TimeSpan.FromMinutes(1)));
        var deferred = StoreTime.T0.AddMinutes(1);
        await PlanAsync(deferred, d => new OccurrencePlan([], [], [], deferred, deferred.AddMinutes(1)));
        var current = (await Jobs.GetJobAsync(job.Name, Ct))!;
        Assert.True(await Jobs.UpdateJobAsync(current with { State = JobState.Paused, ScheduleTime = null }, Ct));
        current = (await Jobs.GetJobAsync(job.Name, Ct))!;
        Assert.True(await Jobs.UpdateJobAsync(current with { State = JobState.Enabled, ScheduleTime = deferred.AddMinutes(5) }, Ct));

        Assert.True(await Queue.RecordAttemptAsync(Result(running, deferred, true, null), Ct));

        Assert.DoesNotContain(await ListAllExecutionsAsync(job.Name), e => e.State == ExecutionState.Pending);
        var next = Assert.Single(await PlanAsync(deferred.AddMinutes(5), d => FireOnce(d, TimeSpan.FromMinutes(1))));
        Assert.Null(next.DeferredTime);
    }

    [Fact]
    public async Task CountOutstanding_PendingRunningRetryingAndFinal_CountsOutstandingAndRetriesOnly()
    {
        Assert.Equal(new OutstandingCounts(0, 0), await Executions.CountOutstandingAsync(Ct));
        var flaky = await CreateJobAsync(TestJobs.Minimal("counted-flaky", null));
        var steady = await CreateJobAsync(TestJobs.Minimal("counted-steady", null));
        await Jobs.CreateManualExecutionAsync(flaky.Name, StoreTime.T0, Ct);
        await Jobs.CreateManualExecutionAsync(steady.Name, StoreTime.T0, Ct);
        Assert.Equal(new OutstandingCounts(2, 0), await Executions.CountOutstandingAsync(Ct));

        var claims = await ClaimAsync(StoreTime.T0);
        Assert.Equal(new OutstandingCounts(2, 0), await Executions.CountOutstandingAsync(Ct));
        var retryAt = StoreTime.T0.AddSeconds(10);
        var first = Assert.Single(claims, c => c.Job.Name == flaky.Name);
        Assert.True(await Queue.RecordAttemptAsync(Result(first, StoreTime.T0, false, retryAt, 503, "Service Unavailable"), Ct));
        Assert.True(await Queue.RecordAttemptAsync(Result(Assert.Single(claims, c => c.Job.Name == steady.Name), StoreTime.T0, true, null), Ct));
        Assert.Equal(new OutstandingCounts(1, 1), await Executions.CountOutstandingAsync(Ct));

        var retry = await ClaimSingleAsync(retryAt);
        Assert.Equal(new OutstandingCounts(1, 0), await Executions.CountOutstandingAsync(Ct));
        Assert.True(await Queue.RecordAttemptAsync(Result(retry, retryAt, false, null, 503, "Service Unavailable"), Ct));
        Assert.Equal(new OutstandingCounts(0, 0), await Executions.CountOutstandingAsync(Ct));
    }

    [Fact]
    public async Task ListExecutions_WithAttempts_NewestFirstAndAttemptsInOrder()
    {
        var job = await CreateJobAsync(TestJobs.Minimal("history", StoreTime.T0));
        var older = await Jobs.CreateManualExecutionAsync(job.Name, StoreTime.T0, Ct);
        var first = await ClaimSingleAsync(StoreTime.T0);
        var retryAt = StoreTime.T0.AddSeconds(10).AddTicks(1_234_567);
        Assert.True(await Queue.RecordAttemptAsync(Result(first, StoreTime.T0.AddTicks(7), false, retryAt, 500, "boom"), Ct));
        var second = await ClaimSingleAsync(retryAt);
        Assert.True(await Queue.RecordAttemptAsync(Result(second, retryAt, true, null), Ct));
        var newer = await Jobs.CreateManualExecutionAsync(job.Name, StoreTime.T0.AddMinutes(1), Ct);

        var listed = await ListAllExecutionsAsync(job.Name);

        Assert.Equal([newer.Id, older.Id], listed.Select(e => e.Id));
        Assert.Empty(listed[0].Attempts);
        var attempts = listed[1].Attempts;
        Assert.Equal(2, attempts.Count);
        Assert.Equal(new Attempt(1, StoreTime.Truncate(StoreTime.T0.AddTicks(7), InstantPrecision), TimeSpan.FromMilliseconds(250), 500, "boom", false, first.Epoch), attempts[0]);
        Assert.Equal(new Attempt(2, StoreTime.Truncate(retryAt, InstantPrecision), TimeSpan.FromMilliseconds(250), 200, null, true, first.Epoch), attempts[1]);
        Assert.All(attempts, a => Assert.Equal(TimeSpan.Zero, a.StartTime.Offset));
    }

    [Fact]
    public async Task ListExecutions_FailedAnswerWithExcerpt_KeepsTextAndContentType()
    {
        var job = await CreateJobAsync(TestJobs.Minimal("excerpt", StoreTime.T0));
        await Jobs.CreateManualExecutionAsync(job.Name, StoreTime.T0, Ct);
        var text = "{\"error\":\"boom: simulated failure\",\"detail\":\"é ✓ \\u0000\"}\n" + new string('x', 4000);
        var failed = Result(await ClaimSingleAsync(StoreTime.T0), StoreTime.T0, false, null, 500, "HTTP 500: boom: simulated failure") with
        {
            Response = new ResponseExcerpt(text, "application/json; charset=utf-8"),
        };
        Assert.True(await Queue.RecordAttemptAsync(failed, Ct));
        await Jobs.CreateManualExecutionAsync(job.Name, StoreTime.T0.AddMinutes(1), Ct);
        var binary = Result(await ClaimSingleAsync(StoreTime.T0.AddMinutes(1)), StoreTime.T0.AddMinutes(1), false, null, 500, "HTTP 500: binary body, 12 bytes") with
        {
            Response = new ResponseExcerpt(null, "image/png"),
        };
        Assert.True(await Queue.RecordAttemptAsync(binary, Ct));

        var listed = await ListAllExecutionsAsync(job.Name);

        Assert.Equal(new ResponseExcerpt(null, "image/png"), Assert.Single(listed[0].Attempts).Response);
        var attempt = Assert.Single(listed[1].Attempts);
        Assert.Equal(("HTTP 500: boom: simulated failure", new ResponseExcerpt(text, "application/json; charset=utf-8")), (attempt.Error, attempt.Response));
        Assert.Equal("HTTP 500: boom: simulated failure", listed[1].LastError);
    }

    [Fact]
    public async Task ListExecutions_UnknownJob_IsEmpty()
    {
        var page = await Executions.ListExecutionsAsync(TestJobs.Location.Job("nope"), 10, null, Ct);

        Assert.Empty(page.Executions);
        Assert.Null(page.NextPageToken);
    }

    [Fact]
    public async Task GetNextWakeUp_EmptyStore_IsNull()
    {
        Assert.Null((await Queue.GetNextDueAsync(Ct)).Earliest);
    }

    [Fact]
    public async Task GetNextWakeUp_ScheduleRetryAndLease_IsTheEarliestOfThem()
    {
        var job = await CreateJobAsync(TestJobs.Minimal("wake", StoreTime.T0.AddMinutes(10)));
        await Jobs.CreateJobAsync(TestJobs.Minimal("paused", StoreTime.T0.AddMinutes(1)) with { State = JobState.Paused }, Ct);
        Assert.Equal(StoreTime.T0.AddMinutes(10), (await Queue.GetNextDueAsync(Ct)).Earliest);

        await Jobs.CreateManualExecutionAsync(job.Name, StoreTime.T0.AddMinutes(5), Ct);
        Assert.Equal(StoreTime.T0.AddMinutes(5), (await Queue.GetNextDueAsync(Ct)).Earliest);

        var claim = await ClaimSingleAsync(StoreTime.T0.AddMinutes(5));
        Assert.Equal(claim.LeaseUntil, (await Queue.GetNextDueAsync(Ct)).Earliest);
        Assert.True(claim.LeaseUntil < StoreTime.T0.AddMinutes(10));

        var retryAt = StoreTime.T0.AddMinutes(6);
        Assert.True(await Queue.RecordAttemptAsync(Result(claim, StoreTime.T0.AddMinutes(5), false, retryAt), Ct));
        Assert.Equal(retryAt, (await Queue.GetNextDueAsync(Ct)).Earliest);
        Assert.Equal(TimeSpan.Zero, (await Queue.GetNextDueAsync(Ct)).Earliest!.Value.Offset);
    }
}
