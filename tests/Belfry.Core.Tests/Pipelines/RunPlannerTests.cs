using Belfry.Core.Pipelines;

namespace Belfry.Core.Tests.Pipelines;

public sealed class RunPlannerTests
{
    private const string Chain = "fetch; merge<fetch; report<merge";
    private const string FanOut = "a; b<a; c<a; d<a";
    private const string FanIn = "a; b; c; d<a+b+c";
    private const string Diamond = "a; b<a; c<a; d<b+c";

    // graph, states, dispatch now, not run, outcome ("" = still running)
    [Theory]
    // chain
    [InlineData(Chain, "", "fetch", "", "")]
    [InlineData(Chain, "fetch=R", "", "", "")]
    [InlineData(Chain, "fetch=S", "merge", "", "")]
    [InlineData(Chain, "fetch=S merge=S", "report", "", "")]
    [InlineData(Chain, "fetch=S merge=S report=S", "", "", "Succeeded")]
    [InlineData(Chain, "fetch=S merge=F", "", "report", "Failed")]
    [InlineData(Chain, "fetch=F", "", "merge,report", "Failed")]
    // fan-out: all branches at once; one failing branch does not stop the others
    [InlineData(FanOut, "a=S", "b,c,d", "", "")]
    [InlineData(FanOut, "a=S b=F c=R d=R", "", "", "")]
    [InlineData(FanOut, "a=S b=F c=S d=S", "", "", "Failed")]
    [InlineData(FanOut, "a=F", "", "b,c,d", "Failed")]
    // fan-in: roots at once, the join only when all succeeded
    [InlineData(FanIn, "", "a,b,c", "", "")]
    [InlineData(FanIn, "a=S b=S c=R", "", "", "")]
    [InlineData(FanIn, "a=S b=S c=S", "d", "", "")]
    [InlineData(FanIn, "a=S b=F c=R", "", "d", "")]
    [InlineData(FanIn, "a=S b=F c=S d=N", "", "", "Failed")]
    // diamond
    [InlineData(Diamond, "a=S", "b,c", "", "")]
    [InlineData(Diamond, "a=S b=S c=R", "", "", "")]
    [InlineData(Diamond, "a=S b=S c=S", "d", "", "")]
    [InlineData(Diamond, "a=S b=S c=F", "", "d", "Failed")]
    [InlineData(Diamond, "a=S b=S c=S d=S", "", "", "Succeeded")]
    // cancellation wins over failure in the outcome
    [InlineData(Chain, "fetch=S merge=C report=C", "", "", "Cancelled")]
    public void Advance_DagShapes(string graph, string states, string dispatch, string notRun, string outcome)
    {
        var decision = RunPlanner.Advance(PipelineGraph.Order(GraphNotation.Steps(graph)), GraphNotation.States(states));

        Assert.Equal(dispatch, GraphNotation.Join(decision.Dispatch));
        Assert.Equal(notRun, GraphNotation.Join(decision.NotRun));
        Assert.Equal(outcome, decision.Outcome?.ToString() ?? "");
    }

    [Theory]
    [InlineData(Chain, "fetch=S merge=F report=N", "merge,report")]
    [InlineData(Diamond, "a=S b=S c=F d=N", "c,d")]
    [InlineData(FanOut, "a=S b=F c=S d=C", "b,d")]
    [InlineData(Chain, "fetch=S merge=S report=S", "")]
    public void StepsToResume_NeverIncludesSucceededSteps(string graph, string states, string expected)
    {
        var steps = PipelineGraph.Order(GraphNotation.Steps(graph));

        Assert.Equal(expected, GraphNotation.Join(RunPlanner.StepsToResume(steps, GraphNotation.States(states))));
    }

    [Fact]
    public void Resume_ThenAdvance_DispatchesOnlyTheFailedStep()
    {
        var steps = PipelineGraph.Order(GraphNotation.Steps(Chain));
        var states = GraphNotation.States("fetch=S merge=F report=N");
        foreach (var id in RunPlanner.StepsToResume(steps, states))
        {
            states[id] = PipelineStepState.Pending;
        }

        var decision = RunPlanner.Advance(steps, states);

        Assert.Equal(["merge"], decision.Dispatch);
        Assert.Empty(decision.NotRun);
        Assert.Null(decision.Outcome);
    }
}
