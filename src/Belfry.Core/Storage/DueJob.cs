using Belfry.Core.Jobs;

namespace Belfry.Core.Storage;

/// <summary>A job whose <see cref="Job.ScheduleTime"/> has come, with what the planner needs to know about it.</summary>
internal sealed record DueJob(Job Job, int OutstandingExecutions, DateTimeOffset? DeferredTime);
