using Belfry.Contracts.Executions;
using Belfry.Core.Executions;

namespace Belfry.Server.Api.Executions;

/// <summary>An execution with its attempts, as the jobs API and a pipeline run's steps show it.</summary>
internal static class ExecutionMapper
{
    public static ExecutionResource ToResource(Execution execution)
    {
        ArgumentNullException.ThrowIfNull(execution);
        return new()
        {
            Name = $"{execution.Job.TargetName}/executions/{execution.Id}",
            ScheduleTime = execution.ScheduleTime,
            Trigger = TriggerName(execution.Trigger),
            State = execution.State.ToString().ToUpperInvariant(),
            CreateTime = execution.CreateTime,
            NextAttemptTime = execution.NextAttemptTime,
            FinishTime = execution.FinishTime,
            AttemptCount = execution.AttemptCount,
            Epoch = execution.Epoch,
            Attempts = execution.Attempts.Select(a => new AttemptResource
            {
                Number = a.Number,
                Epoch = a.Epoch,
                StartTime = a.StartTime,
                Duration = DurationFormat.Format(a.Duration),
                StatusCode = a.StatusCode,
                Error = a.Error,
                Succeeded = a.Succeeded,
                ResponseExcerpt = a.Response?.Text,
                ResponseContentType = a.Response?.ContentType,
            }).ToList(),
        };
    }

    public static string TriggerName(ExecutionTrigger trigger) => trigger switch
    {
        ExecutionTrigger.Manual => "MANUAL",
        ExecutionTrigger.CatchUp => "CATCH_UP",
        _ => "SCHEDULED",
    };
}
