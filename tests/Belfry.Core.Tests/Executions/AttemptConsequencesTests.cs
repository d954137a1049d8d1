using Belfry.Core.Executions;
using Belfry.Core.Jobs;
using Belfry.Core.Notifications;
using Belfry.Core.Storage;
using Belfry.Core.Tests.Notifications;

namespace Belfry.Core.Tests.Executions;

/// <summary>
/// What an attempt's result changes, decided without a database: the execution and job update for every result,
/// and for a final one the deferred time, outbox events, remembered outcome and pipeline step.
/// </summary>
public sealed class AttemptConsequencesTests
{
    private const string Ops = "projects/p/locations/l/channels/ops";
    private const string Team = "projects/p/locations/l/channels/team";
    private static readonly DateTimeOffset Start = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = Start.AddSeconds(2);
    private static readonly DateTimeOffset Retry = Now.AddSeconds(10);
    private static readonly DateTimeOffset Scheduled = Start.AddMinutes(-1);

    private static readonly Dictionary<string, NotificationRoutes> Routes = new(StringComparer.Ordinal)
    {
        ["none"] = NotificationRoutes.None,
        ["failure"] = new([Ops], [], []),
        ["recovery"] = new([], [Ops], []),
        ["success"] = new([], [], [Team]),
        ["all"] = new([Ops], [Ops], [Ops, Team]),
    };

    private static AttemptResult Result(bool succeeded, DateTimeOffset? retry = null, string? error = null) => new(
        "e1", new JobName("p", "l", "sync"), AttemptNumber: 3, Epoch: 1, Start, TimeSpan.FromSeconds(2), succeeded ? 200 : 503, error, succeeded,
        retry, succeeded ? new JobStatus(0, "") : new JobStatus(14, "HTTP 503 Service Unavailable"), Now);

    private static FinishedExecution Facts(string routes = "none", ExecutionOutcome? previous = null, bool deferred = false, bool step = false) =>
        new(Routes[routes], "Asia/Tokyo", Scheduled, ExecutionTrigger.Scheduled, 3, previous, deferred, step);

    // succeeded, retry time given, state, retry time kept, finished now
    public static TheoryData<bool, bool, string, bool, bool> UpdateRows => new()
    {
        { true, false, "Succeeded", false, true },
        { true, true, "Succeeded", false, true },   // a success never retries, whatever the policy said
        { false, true, "Pending", true, false },    // retries left: due again at the retry time
        { false, false, "Failed", false, true },    // no retries left: final
    };

    [Theory]
    [MemberData(nameof(UpdateRows))]
    public void Update_ByOutcomeAndRetries_StateRetryAndFinish(bool succeeded, bool retry, string state, bool keepsRetry, bool finished)
    {
        var result = Result(succeeded, retry ? Retry : null);

        var update = AttemptConsequences.Update(result);

        Assert.Equal(state, update.State.ToString());
        Assert.Equal(state != "Pending", update.IsFinal);
        Assert.Equal(keepsRetry ? Retry : null, update.NextAttemptTime);
        Assert.Equal(finished ? Now : null, update.FinishTime);
        Assert.Same(result.JobStatus, update.JobStatus);
        Assert.Equal(Start, update.LastAttemptTime);
    }

    // succeeded, routes, previous outcome, events, outcome remembered ("" = unchanged)
    public static TheoryData<bool, string, int?, string, string> FinalRows => new()
    {
        // failure route: only a failure after the last retry
        { false, "failure", null, "ExecutionFailed: ops", "Failed" },
        { false, "failure", 2, "ExecutionFailed: ops", "" },
        { true, "failure", 2, "", "Succeeded" },
        // recovery route: the first success after a failure only
        { true, "recovery", 2, "ExecutionRecovered: ops", "Succeeded" },
        { true, "recovery", 1, "", "" },
        { true, "recovery", null, "", "Succeeded" },
        { false, "recovery", 1, "", "Failed" },
        // success route: every success
        { true, "success", 1, "ExecutionSucceeded: team", "" },
        { true, "success", 2, "ExecutionSucceeded: team", "Succeeded" },
        // all routes: a recovery is not told twice to a channel
        { true, "all", 2, "ExecutionRecovered: ops; ExecutionSucceeded: team", "Succeeded" },
        { true, "all", 1, "ExecutionSucceeded: ops,team", "" },
        { false, "all", 1, "ExecutionFailed: ops", "Failed" },
        // no routes: nothing told, the outcome still remembered when it changed
        { false, "none", null, "", "Failed" },
        { false, "none", 2, "", "" },
        { true, "none", 2, "", "Succeeded" },
        { true, "none", 1, "", "" },
    };

    [Theory]
    [MemberData(nameof(FinalRows))]
    public void Final_ByRoutesAndPreviousOutcome_EventsAndRememberedOutcome(bool succeeded, string routes, int? previous, string events, string remembered)
    {
        var changes = AttemptConsequences.Final(Result(succeeded), Facts(routes, (ExecutionOutcome?)previous));

        Assert.Equal(events, OutboxNotation.Describe(changes.Events));
        Assert.Equal(remembered, changes.RememberOutcome?.ToString() ?? "");
    }

    // succeeded, deferred time, pipeline step, check deferred time, step state ("" = not a step)
    public static TheoryData<bool, bool, bool, bool, string> FollowRows => new()
    {
        { true, false, false, false, "" },
        { true, true, false, true, "" },
        { false, true, false, true, "" },
        { true, false, true, false, "Succeeded" },
        { false, false, true, false, "Failed" },
        { false, true, true, true, "Failed" },
    };

    [Theory]
    [MemberData(nameof(FollowRows))]
    public void Final_DeferredTimeAndPipelineStep_Followed(bool succeeded, bool deferred, bool step, bool checkDeferred, string stepState)
    {
        var changes = AttemptConsequences.Final(Result(succeeded), Facts(deferred: deferred, step: step));

        Assert.Equal(checkDeferred, changes.CheckDeferredTime);
        Assert.Equal(stepState, changes.StepState?.ToString() ?? "");
    }

    [Fact]
    public void Final_Failure_EventCarriesTheExecutionAndAnErrorExcerpt()
    {
        var changes = AttemptConsequences.Final(Result(false, error: "  connection refused \n"), Facts("failure"));

        var notice = Assert.Single(changes.Events).Event;
        Assert.Equal(NotificationEventKind.ExecutionFailed, notice.Kind);
        Assert.Equal(Now, notice.Time);
        Assert.Equal("projects/p/locations/l/jobs/sync", notice.Job!.FullName);
        Assert.Equal("Asia/Tokyo", notice.TimeZone);
        Assert.Equal("e1", notice.ExecutionId);
        Assert.Equal(Scheduled, notice.ScheduleTime);
        Assert.Equal(ExecutionTrigger.Scheduled, notice.Trigger);
        Assert.Equal(3, notice.Attempts);
        Assert.Equal(503, notice.StatusCode);
        Assert.Equal("connection refused", notice.Error);
    }

    [Theory]
    [InlineData(false, "HTTP 503 Service Unavailable")]
    [InlineData(true, null)]
    public void Event_WithoutError_StatusMessageForAFailureNothingForASuccess(bool succeeded, string? error)
    {
        var notice = AttemptConsequences.Event(NotificationEventKind.ExecutionFailed, Result(succeeded), "Etc/UTC", Scheduled, ExecutionTrigger.Manual, 1);

        Assert.Equal(error, notice.Error);
        Assert.Equal(ExecutionTrigger.Manual, notice.Trigger);
    }

    [Fact]
    public void UpdateAndFinal_PlainJobWithoutRoutes_AllocateNothing()
    {
        // The hottest path (docs/architecture.md): a retry, or a final failure of a job without routes, must cost
        // no allocation here. Run once first so JIT work is not counted.
        var retry = Result(false, Retry);
        var failed = Result(false);
        var facts = Facts();
        _ = AttemptConsequences.Update(retry);
        _ = AttemptConsequences.Final(failed, facts);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var update = AttemptConsequences.Update(retry);
        var changes = AttemptConsequences.Final(failed, facts);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.False(update.IsFinal);
        Assert.Empty(changes.Events);
        Assert.Null(changes.StepState);
    }
}
