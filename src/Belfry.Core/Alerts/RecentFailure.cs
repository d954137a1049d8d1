using Belfry.Core.Jobs;

namespace Belfry.Core.Alerts;

/// <summary>An execution that failed after its last retry, finished at <see cref="FinishTime"/>.</summary>
internal sealed record RecentFailure(JobName Job, string ExecutionId, DateTimeOffset ScheduleTime, DateTimeOffset FinishTime);
