using Belfry.Contracts.Jobs;
using Belfry.Contracts.Pipelines;
using Belfry.Core.Jobs;
using Belfry.Core.Pipelines;
using Belfry.Server.Api.Jobs;

namespace Belfry.Server.Api.Pipelines;

/// <summary>
/// Turns a requested <see cref="PipelineResource"/> into a valid <see cref="Pipeline"/>, or throws INVALID_ARGUMENT
/// naming the problem. The graph is checked by <see cref="PipelineGraph"/>; schedule, zone, policies and each
/// step's target by the jobs' <see cref="JobValidator"/>, so a step accepts exactly what a job's target accepts.
/// </summary>
internal sealed class PipelineValidator(JobValidator jobs)
{
    // Only to check the pipeline-level fields through the job validator; never stored.
    private static readonly HttpTargetResource Placeholder = new() { Uri = "http://pipeline.invalid/" };

    public Pipeline Validate(PipelineName name, PipelineResource resource)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(resource);
        var steps = resource.Steps ?? [];
        try
        {
            PipelineGraph.Order(steps.Select(s => new StepNode(s.Id ?? "", s.DependsOn ?? [])).ToList());
        }
        catch (PipelineDefinitionException e)
        {
            throw ApiException.InvalidArgument(e.Message);
        }

        var settings = jobs.Validate(name.StepJob("pipeline"), new JobResource
        {
            Description = resource.Description,
            Schedule = resource.Schedule,
            TimeZone = resource.TimeZone,
            HttpTarget = Placeholder,
            Belfry = resource.Belfry,
        });
        if (settings.Belfry.MissedRunDeadline is not null || settings.Belfry.Notify.OnRecovery.Count > 0)
        {
            throw ApiException.InvalidArgument("belfry: a pipeline takes overlapPolicy, catchUpPolicy, catchUpWindow, notifyOnFailure and notifyOnSuccess only.");
        }

        var validated = new List<PipelineStep>(steps.Count);
        foreach (var step in steps)
        {
            Job job;
            try
            {
                job = jobs.Validate(name.StepJob(step.Id!), new JobResource
                {
                    Schedule = settings.Schedule,
                    TimeZone = settings.TimeZone,
                    HttpTarget = step.HttpTarget,
                    RetryConfig = step.RetryConfig,
                    AttemptDeadline = step.AttemptDeadline,
                });
            }
            catch (ApiException e) when (e.Status == "INVALID_ARGUMENT")
            {
                throw ApiException.InvalidArgument($"steps[{step.Id}].{e.Message}");
            }

            validated.Add(new PipelineStep(step.Id!, step.DependsOn ?? [], job.HttpTarget, job.RetryConfig, job.AttemptDeadline));
        }

        return new Pipeline
        {
            Name = name,
            Description = settings.Description,
            Schedule = settings.Schedule,
            TimeZone = settings.TimeZone,
            Steps = validated,
            Belfry = settings.Belfry,
        };
    }
}
