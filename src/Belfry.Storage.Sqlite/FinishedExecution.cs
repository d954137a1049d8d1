using Belfry.Core.Executions;
using Belfry.Core.Notifications;

namespace Belfry.Storage.Sqlite;

/// <summary>What a final execution's events are made of, as the record's own statements read it.</summary>
internal sealed record FinishedExecution(
    NotificationRoutes Routes, string TimeZone, DateTimeOffset ScheduleTime, ExecutionTrigger Trigger, int Attempts, ExecutionOutcome? PreviousOutcome);
