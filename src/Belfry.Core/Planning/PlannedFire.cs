using Belfry.Core.Executions;

namespace Belfry.Core.Planning;

/// <summary>An execution the planner wants created, due at once.</summary>
internal sealed record PlannedFire(DateTimeOffset ScheduleTime, ExecutionTrigger Trigger);
