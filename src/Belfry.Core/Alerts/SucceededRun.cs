namespace Belfry.Core.Alerts;

/// <summary>A succeeded execution: the time it was scheduled for (a <c>:run</c>'s trigger instant) and when it finished.</summary>
internal sealed record SucceededRun(DateTimeOffset ScheduleTime, DateTimeOffset FinishTime);
