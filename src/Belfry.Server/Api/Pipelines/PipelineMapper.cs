using Belfry.Contracts.Jobs;
using Belfry.Contracts.Pipelines;
using Belfry.Core.Pipelines;
using Belfry.Server.Api.Executions;
using Belfry.Server.Api.Jobs;

namespace Belfry.Server.Api.Pipelines;

/// <summary>Core pipelines and runs to their wire form.</summary>
internal static class PipelineMapper
{
    public static PipelineResource ToResource(Pipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        var settings = JobMapper.ToResource(pipeline.StepJob(pipeline.Steps[0]) with { Belfry = pipeline.Belfry }).Belfry!;
        settings.MissedRunDeadline = null;
        return new PipelineResource
        {
            Name = pipeline.Name.FullName,
            Description = pipeline.Description.Length == 0 ? null : pipeline.Description,
            Schedule = pipeline.Schedule,
            TimeZone = pipeline.TimeZone,
            Steps = pipeline.Steps.Select(step =>
            {
                var job = JobMapper.ToResource(pipeline.StepJob(step));
                return new PipelineStepResource
                {
                    Id = step.Id,
                    DependsOn = step.DependsOn.Count == 0 ? null : [.. step.DependsOn],
                    HttpTarget = job.HttpTarget,
                    RetryConfig = job.RetryConfig,
                    AttemptDeadline = job.AttemptDeadline,
                };
            }).ToList(),
            Belfry = settings,
            State = (JobStateWire)pipeline.State,
            ScheduleTime = pipeline.ScheduleTime,
            UserUpdateTime = pipeline.UserUpdateTime,
        };
    }

    public static PipelineRunResource ToResource(PipelineRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new PipelineRunResource
        {
            Name = $"{run.Pipeline.FullName}/runs/{run.Id}",
            ScheduleTime = run.ScheduleTime,
            Trigger = ExecutionMapper.TriggerName(run.Trigger),
            State = RunStateName(run.State),
            CreateTime = run.CreateTime,
            FinishTime = run.FinishTime,
            Steps = run.Steps.Select(s => new PipelineRunStepResource
            {
                Id = s.StepId,
                DependsOn = [.. s.DependsOn],
                State = StepStateName(s.State),
                Execution = s.Execution is { } e ? ExecutionMapper.ToResource(e) : null,
                Executions = s.Executions.Count == 0 ? null : [.. s.Executions.Select(ExecutionMapper.ToResource)],
            }).ToList(),
        };
    }

    public static string RunStateName(PipelineRunState state) => state.ToString().ToUpperInvariant();

    public static string StepStateName(PipelineStepState state) => state == PipelineStepState.NotRun ? "NOT_RUN" : state.ToString().ToUpperInvariant();
}
