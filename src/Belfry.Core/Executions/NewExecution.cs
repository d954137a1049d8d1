namespace Belfry.Core.Executions;

/// <summary>
/// A Pending execution a change set asks for, due at <see cref="Due"/>; whose job it is follows from where it is
/// asked for (the job whose deferred time starts, a pipeline step's job).
/// </summary>
internal readonly record struct NewExecution(DateTimeOffset ScheduleTime, ExecutionTrigger Trigger, DateTimeOffset Due);
