using Belfry.Core.Executions;
using Belfry.Core.Jobs;
using Belfry.Core.Notifications;
using Belfry.Core.Pipelines;
using Belfry.Core.Storage;

namespace Belfry.Core.Tests.Pipelines;

/// <summary>
/// A run's changes after a step ends, it starts or it resumes: the steps dispatched (each a new execution with the
/// run's schedule time and trigger, due now), the steps not run, and the run's final state and finish time.
/// </summary>
public sealed class RunAdvanceTests
{
    private const string Chain = "fetch; merge<fetch; report<merge";
    private const string Diamond = "a; b<a; c<a; d<b+c";
    private const string TwoDiamonds = "a; b<a; c<a; d<b+c; e<d; f<d; g<e+f";
    private const string Ops = "projects/p/locations/l/channels/ops";
    private static readonly DateTimeOffset Scheduled = new(2027, 3, 1, 6, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = Scheduled.AddMinutes(3);

    // graph, states after the change, dispatched, not run, final state ("" = still running)
    public static TheoryData<string, string, string, string, string> Rows => new()
    {
        // a run starts: its roots
        { Chain, "", "fetch", "", "" },
        { Diamond, "", "a", "", "" },
        // a step succeeded with dependants: they go once all they depend on succeeded
        { Chain, "fetch=S", "merge", "", "" },
        { Diamond, "a=S", "b,c", "", "" },
        { Diamond, "a=S b=S c=R", "", "", "" },
        { Diamond, "a=S b=R c=S", "", "", "" },
        { Diamond, "a=S b=S c=S", "d", "", "" },
        { TwoDiamonds, "a=S b=S c=S d=S", "e,f", "", "" },
        // a failed step makes its dependants not run, transitively; the other branch keeps going
        { Chain, "fetch=F", "", "merge,report", "Failed" },
        { Diamond, "a=F", "", "b,c,d", "Failed" },
        { Diamond, "a=S b=F c=R", "", "d", "" },
        { Diamond, "a=S b=F c=S", "", "d", "Failed" },
        { TwoDiamonds, "a=S b=S c=S d=S e=F f=R", "", "g", "" },
        { TwoDiamonds, "a=S b=S c=F", "", "d,e,f,g", "Failed" },
        // the run's final state
        { Chain, "fetch=S merge=S report=S", "", "", "Succeeded" },
        { Diamond, "a=S b=S c=S d=S", "", "", "Succeeded" },
        { Chain, "fetch=S merge=F report=N", "", "", "Failed" },
        { Chain, "fetch=S merge=C report=C", "", "", "Cancelled" },
        // resumed: failed and not-run steps set back to Pending
        { Chain, "fetch=S merge=P report=P", "merge", "", "" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Decide_StepStates_DispatchNotRunAndFinalState(string graph, string states, string dispatch, string notRun, string finalState)
    {
        var changes = RunAdvance.Decide(PipelineGraph.Order(GraphNotation.Steps(graph)), GraphNotation.States(states), Scheduled, ExecutionTrigger.Manual, Now);

        Assert.Equal(dispatch, GraphNotation.Join(changes.Dispatch));
        Assert.Equal(notRun, GraphNotation.Join(changes.NotRun));
        Assert.Equal(finalState, changes.FinalState?.ToString() ?? "");
        Assert.Equal(finalState.Length > 0, changes.Ended);
        Assert.Equal(finalState.Length > 0 ? Now : null, changes.FinishTime);
        Assert.Equal(new NewExecution(Scheduled, ExecutionTrigger.Manual, Now), changes.StepExecution);
    }

    private static AttemptResult StepResult(bool succeeded) => new(
        "e7", new JobName("p", "l", "nightly-merge"), 2, 1, Now.AddSeconds(-5), TimeSpan.FromSeconds(5), succeeded ? 200 : 500,
        succeeded ? null : "boom", succeeded, null, succeeded ? new JobStatus(0, "") : new JobStatus(13, "HTTP 500"), Now);

    // succeeded, pipeline has a failure route, event told
    [Theory]
    [InlineData(false, true, true)]
    [InlineData(false, false, false)]
    [InlineData(true, true, false)]
    [InlineData(true, false, false)]
    public void StepEnded_ByOutcomeAndFailureRoute_FailureToldOnlyWhenRouted(bool succeeded, bool routed, bool told)
    {
        var routes = routed ? new NotificationRoutes([Ops], [Ops], [Ops]) : NotificationRoutes.None;

        var failure = RunAdvance.StepEnded(StepResult(succeeded), routes, "Europe/Paris", Scheduled, ExecutionTrigger.Scheduled, 2);

        Assert.Equal(told, failure is not null);
        if (failure is { } notice)
        {
            Assert.Equal([Ops], notice.Channels);
            Assert.Equal(NotificationEventKind.ExecutionFailed, notice.Event.Kind);
            Assert.Equal("nightly-merge", notice.Event.Job!.JobId);
            Assert.Equal(Scheduled, notice.Event.ScheduleTime);
            Assert.Equal("Europe/Paris", notice.Event.TimeZone);
            Assert.Equal(2, notice.Event.Attempts);
            Assert.Equal("boom", notice.Event.Error);
        }
    }
}
