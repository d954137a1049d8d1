using System.Diagnostics.CodeAnalysis;
using Belfry.Core.Jobs;

namespace Belfry.Core.Pipelines;

/// <summary>A pipeline's resource name: <c>projects/{project}/locations/{location}/pipelines/{pipeline}</c>.</summary>
internal sealed record PipelineName(string Project, string Location, string PipelineId)
{
    public string FullName => $"projects/{Project}/locations/{Location}/pipelines/{PipelineId}";

    public LocationName Parent => new(Project, Location);

    /// <summary>
    /// The internal job that carries a step's HTTP target (docs/pipelines.md, "How it works"): stored as
    /// <c>jobs/{pipeline}/steps/{step}</c>, apart from users' jobs, and seen by the step's target as the job
    /// <c>{pipeline}-{step}</c> (<c>X-CloudScheduler-JobName</c>).
    /// </summary>
    public JobName StepJob(string stepId) => JobName.ForPipelineStep(Project, Location, PipelineId, stepId);

    public override string ToString() => FullName;

    public static bool TryParse(string? value, [NotNullWhen(true)] out PipelineName? name)
    {
        name = ResourceNames.TrySplit(value, "pipelines", out var project, out var location, out var id) ? new PipelineName(project, location, id) : null;
        return name is not null;
    }
}
