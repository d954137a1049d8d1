using Belfry.Core.Executions;
using Belfry.Core.Jobs;
using Belfry.Core.Pipelines;
using Belfry.Core.Retries;
using Belfry.Core.Storage;

namespace Belfry.Storage.ContractTests;

/// <summary>Pipelines: a step's final outcome advances its run in the transaction that records it.</summary>
public abstract partial class JobStoreContractTests
{
    private static Pipeline Chain(string id) => new()
    {
        Name = new PipelineName(TestJobs.Location.Project, TestJobs.Location.Location, id),
        Schedule = "0 6 * * *",
        TimeZone = "Asia/Tokyo",
        Steps = new[] { "fetch", "merge", "report" }.Select((s, i) => new PipelineStep(
            s, i == 0 ? Array.Empty<string>() : [i == 1 ? "fetch" : "merge"],
            new HttpTarget($"http://127.0.0.1:9/{s}", HttpMethodKind.Post, [], ReadOnlyMemory<byte>.Empty, null),
            RetryConfig.Default, Job.DefaultAttemptDeadline)).ToList(),
    };

    private async Task<bool> FinishAsync(ClaimedAttempt claim, bool succeeded) =>
        await Queue.RecordAttemptAsync(new AttemptResult(
            claim.Execution.Id, claim.Job.Name, claim.AttemptNumber, claim.Epoch, Time.GetUtcNow(), TimeSpan.FromMilliseconds(5),
            succeeded ? 200 : 500, null, succeeded, null, new JobStatus(succeeded ? 0 : 13, ""), Time.GetUtcNow()), Ct);

    [Fact]
    public async Task Pipelines_StepSucceeds_NextStepIsDueInTheSameTransaction()
    {
        var pipeline = Chain("chain");
        await Pipelines.CreatePipelineAsync(pipeline, Ct);
        var run = await Pipelines.StartManualRunAsync(pipeline.Name, Time.GetUtcNow(), Ct);
        Assert.Equal(PipelineStepState.Running, run.Steps[0].State);

        var fetch = Assert.Single(await Queue.ClaimDueAttemptsAsync(Time.GetUtcNow(), 10, AttemptLease, Ct));
        Assert.Equal(new PipelineStepRef(pipeline.Name, run.Id, "fetch"), fetch.Step);
        Assert.Equal("chain-fetch", fetch.Job.Name.JobId);
        Assert.True(await FinishAsync(fetch, succeeded: true));

        var merge = Assert.Single(await Queue.ClaimDueAttemptsAsync(Time.GetUtcNow(), 10, AttemptLease, Ct));
        Assert.Equal("merge", merge.Step?.StepId);
        Assert.Equal(run.ScheduleTime, merge.Execution.ScheduleTime);
        Assert.True(await FinishAsync(merge, succeeded: false));

        var failed = (await Pipelines.GetRunAsync(pipeline.Name, run.Id, Ct))!;
        Assert.Equal(PipelineRunState.Failed, failed.State);
        Assert.Equal([PipelineStepState.Succeeded, PipelineStepState.Failed, PipelineStepState.NotRun], failed.Steps.Select(s => s.State));
        Assert.Empty(await Queue.ClaimDueAttemptsAsync(Time.GetUtcNow(), 10, AttemptLease, Ct));

        var resumed = await Pipelines.ResumeRunAsync(pipeline.Name, run.Id, Time.GetUtcNow(), Ct);
        Assert.Equal(PipelineRunState.Running, resumed.State);
        var again = Assert.Single(await Queue.ClaimDueAttemptsAsync(Time.GetUtcNow(), 10, AttemptLease, Ct));
        Assert.Equal("merge", again.Step?.StepId);
        Assert.NotEqual(merge.Execution.Id, again.Execution.Id);
    }

    [Fact]
    public async Task Pipelines_StepJobs_HiddenFromJobsAndApartFromAUserJobOfTheSameName()
    {
        // A user's job called {pipeline}-{step}, before and after the pipeline: neither stands in the other's way.
        await Jobs.CreateJobAsync(TestJobs.Minimal("before-fetch", null), Ct);
        await Pipelines.CreatePipelineAsync(Chain("before"), Ct);
        await Pipelines.CreatePipelineAsync(Chain("chain"), Ct);
        await Jobs.CreateJobAsync(TestJobs.Minimal("chain-fetch", null), Ct);

        var jobs = await Jobs.ListJobsAsync(TestJobs.Location, 100, null, Ct);
        Assert.Equal(["before-fetch", "chain-fetch"], jobs.Jobs.Select(j => j.Name.JobId));
        Assert.Equal("http://127.0.0.1:9/fetch", (await Pipelines.GetPipelineAsync(Chain("chain").Name, Ct))!.Steps[0].HttpTarget.Uri);
        Assert.NotEqual("http://127.0.0.1:9/fetch", (await Jobs.GetJobAsync(TestJobs.Location.Job("chain-fetch"), Ct))!.HttpTarget.Uri);

        // Deleting the job leaves the pipeline; deleting the pipeline leaves the job.
        Assert.True(await Jobs.DeleteJobAsync(TestJobs.Location.Job("chain-fetch"), Ct));
        Assert.NotNull(await Pipelines.GetPipelineAsync(Chain("chain").Name, Ct));
        Assert.True(await Pipelines.DeletePipelineAsync(Chain("before").Name, Ct));
        Assert.NotNull(await Jobs.GetJobAsync(TestJobs.Location.Job("before-fetch"), Ct));
        Assert.False(await Jobs.DeleteJobAsync(TestJobs.Location.Job("chain-fetch"), Ct));
        Assert.True(await Pipelines.DeletePipelineAsync(Chain("chain").Name, Ct));
    }

    [Fact]
    public async Task Pipelines_StepAndUserJobOfTheSameName_FireAndAreRecordedSeparately()
    {
        var pipeline = Chain("chain");
        await Pipelines.CreatePipelineAsync(pipeline, Ct);
        await Jobs.CreateJobAsync(TestJobs.Minimal("chain-fetch", null), Ct);
        await Pipelines.StartManualRunAsync(pipeline.Name, Time.GetUtcNow(), Ct);
        await Jobs.CreateManualExecutionAsync(TestJobs.Location.Job("chain-fetch"), Time.GetUtcNow(), Ct);

        var claims = await Queue.ClaimDueAttemptsAsync(Time.GetUtcNow(), 10, AttemptLease, Ct);
        Assert.Equal(2, claims.Count);
        var step = Assert.Single(claims, c => c.Step is not null);
        var own = Assert.Single(claims, c => c.Step is null);

        // The target sees the same job name from both; the store keeps them apart.
        Assert.Equal(("chain-fetch", "chain-fetch"), (step.Job.Name.JobId, own.Job.Name.JobId));
        Assert.Equal(own.Job.Name.FullName, step.Job.Name.TargetName);
        Assert.NotEqual(own.Job.Name.FullName, step.Job.Name.FullName);
        Assert.Equal("http://127.0.0.1:9/fetch", step.Job.HttpTarget.Uri);
        Assert.True(await FinishAsync(step, succeeded: true));
        Assert.True(await FinishAsync(own, succeeded: false));

        var executions = await Executions.ListExecutionsAsync(TestJobs.Location.Job("chain-fetch"), 10, null, Ct);
        var recorded = Assert.Single(executions.Executions);
        Assert.Equal((own.Execution.Id, ExecutionState.Failed), (recorded.Id, recorded.State));
        var run = Assert.Single((await Pipelines.ListRunsAsync(pipeline.Name, 10, null, Ct)).Runs);
        Assert.Equal(step.Execution.Id, run.Steps[0].Execution?.Id);
        Assert.Equal([PipelineStepState.Succeeded, PipelineStepState.Running, PipelineStepState.Pending], run.Steps.Select(s => s.State));
        Assert.Equal(13, (await Jobs.GetJobAsync(TestJobs.Location.Job("chain-fetch"), Ct))!.Status?.Code); // the step's success is not the job's
    }
}
