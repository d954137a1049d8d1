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
    public void StepFailed_ByOutcomeAndFailureRoute_RunFailureToldOnlyWhenRouted(bool succeeded, bool routed, bool told)
    {
        var routes = routed ? new NotificationRoutes([Ops], [Ops], [Ops]) : NotificationRoutes.None;
        var step = new PipelineStepRef(new PipelineName("p", "l", "nightly"), "r1", "merge");

        var failure = RunAdvance.StepFailed(StepResult(succeeded), step, PipelineGraph.Order(GraphNotation.Steps(Chain)), routes, "Europe/Paris", Scheduled, ExecutionTrigger.Scheduled, 2);

        Assert.Equal(told, failure is not null);
        if (failure is { } notice)
        {
            Assert.Equal([Ops], notice.Channels);
            Assert.Equal(NotificationEventKind.PipelineRunFailed, notice.Event.Kind);
            Assert.Equal(("nightly", "r1", "merge"), (notice.Event.Pipeline!.PipelineId, notice.Event.RunId, notice.Event.Step));
            Assert.Equal(["report"], notice.Event.NotRunSteps);
            Assert.Equal("nightly-merge", notice.Event.Job!.JobId);
            Assert.Equal(Scheduled, notice.Event.ScheduleTime);
            Assert.Equal("Europe/Paris", notice.Event.TimeZone);
            Assert.Equal(2, notice.Event.Attempts);
            Assert.Equal("boom", notice.Event.Error);
        }
    }

    // graph, failed step, steps that will not run (every step after it, at any depth, in order)
    [Theory]
    [InlineData(Chain, "fetch", "merge report")]
    [InlineData(Chain, "report", "")]
    [InlineData(Diamond, "b", "d")]
    [InlineData(TwoDiamonds, "c", "d e f g")]
    [InlineData(TwoDiamonds, "e", "g")]
    public void StepFailed_Graph_NamesEveryStepAfterTheFailedOne(string graph, string failed, string notRun)
    {
        var step = new PipelineStepRef(new PipelineName("p", "l", "nightly"), "r1", failed);

        var failure = RunAdvance.StepFailed(
            StepResult(false), step, PipelineGraph.Order(GraphNotation.Steps(graph)), new NotificationRoutes([Ops], [], []), "Etc/UTC", Scheduled, ExecutionTrigger.Scheduled, 1);

        Assert.Equal(notRun, string.Join(" ", failure!.Value.Event.NotRunSteps));
    }

    // final state, a step had failed, routed, recovery told
    [Theory]
    [InlineData("Succeeded", true, true, true)]
    [InlineData("Succeeded", false, true, false)]
    [InlineData("Succeeded", true, false, false)]
    [InlineData("Failed", true, true, false)]
    [InlineData("Cancelled", true, true, false)]
    public void RunEnded_SucceededAfterAFailure_RecoveryToldToTheFailureChannels(string state, bool hadFailure, bool routed, bool told)
    {
        var routes = routed ? new NotificationRoutes([Ops], [], []) : NotificationRoutes.None;

        var recovery = RunAdvance.RunEnded(
            new PipelineName("p", "l", "nightly"), "r1", Enum.Parse<PipelineRunState>(state), hadFailure, routes, "Asia/Tokyo", Scheduled, ExecutionTrigger.Manual, Now);

        Assert.Equal(told, recovery is not null);
        if (recovery is { } notice)
        {
            Assert.Equal([Ops], notice.Channels);
            Assert.Equal(NotificationEventKind.PipelineRunRecovered, notice.Event.Kind);
            Assert.Equal(("nightly", "r1", Now, Scheduled), (notice.Event.Pipeline!.PipelineId, notice.Event.RunId, notice.Event.Time, notice.Event.ScheduleTime));
        }
    }
}
