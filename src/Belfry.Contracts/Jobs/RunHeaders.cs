namespace Belfry.Contracts.Jobs;

/// <summary>Belfry extension: response headers of a job's <c>:run</c>, whose body is the job, as Cloud Scheduler's.</summary>
public static class RunHeaders
{
    /// <summary>The execution the run started: <c>projects/…/jobs/{job}/executions/{id}</c>.</summary>
    public const string StartedExecution = "X-Belfry-Execution-Name";
}
