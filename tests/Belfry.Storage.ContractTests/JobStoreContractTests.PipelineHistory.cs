using Belfry.Core.Executions;

namespace Belfry.Storage.ContractTests;

/// <summary>A run keeps every execution it gave a step, those a resume replaced too, and they go with the run (issue 15).</summary>
public abstract partial class JobStoreContractTests
{
    [Fact]
    public async Task PipelineHistory_StepFailedThenResumed_RunKeepsBothExecutionsUntilTheRunIsDeleted()
    {
        var (pipeline, run, fetch) = await FailedRunAsync("history");
        await Pipelines.ResumeRunAsync(pipeline.Name, run.Id, StoreTime.T0, Ct);
        var again = Assert.Single(await Queue.ClaimDueAttemptsAsync(StoreTime.T0, 10, AttemptLease, Ct));
        Assert.True(await FinishAsync(again, succeeded: false));

        var read = (await Pipelines.GetRunAsync(pipeline.Name, run.Id, Ct))!;
        var step = read.Steps[0];
        Assert.Equal([fetch.Execution.Id, again.Execution.Id], step.Executions.Select(e => e.Id));
        Assert.Equal([ExecutionState.Failed, ExecutionState.Failed], step.Executions.Select(e => e.State));
        Assert.All(step.Executions, e => Assert.Single(e.Attempts));
        Assert.Equal(again.Execution.Id, step.Execution?.Id);
        Assert.Single(step.Execution!.Attempts);
        Assert.Empty(read.Steps[1].Executions);
        Assert.Equal(2, (await Pipelines.ListRunsAsync(pipeline.Name, 10, null, Ct)).Runs[0].Steps[0].Executions.Count);

        // Execution retention leaves the replaced execution to its run; the run's retention takes both.
        var before = StoreTime.T0.AddDays(365) - RetentionAge;
        Assert.Equal(0, await Executions.DeleteFinishedExecutionsAsync(before, 100, Ct));
        Assert.Equal(2, (await ListAllExecutionsAsync(fetch.Job.Name)).Count);
        Assert.Equal(1, await Pipelines.DeleteFinishedRunsAsync(before, 10, Ct));
        Assert.Empty(await ListAllExecutionsAsync(fetch.Job.Name));
    }

    [Fact]
    public async Task PipelineHistory_PipelineDeleted_ReplacedExecutionsGoToo()
    {
        var (pipeline, run, _) = await FailedRunAsync("deleted");
        await Pipelines.ResumeRunAsync(pipeline.Name, run.Id, StoreTime.T0, Ct);

        Assert.True(await Pipelines.DeletePipelineAsync(pipeline.Name, Ct));

        Assert.Null(await Pipelines.GetPipelineAsync(pipeline.Name, Ct));
        await Pipelines.CreatePipelineAsync(pipeline, Ct);
        Assert.Empty((await Pipelines.ListRunsAsync(pipeline.Name, 10, null, Ct)).Runs);
    }
}
