namespace Belfry.AspNetCore.RunKeys;

/// <summary>
/// One logical run of a job: the ledger key (<see cref="JobName"/>, <see cref="RunKey"/>) and what the handler is told.
/// <see cref="JobName"/> is the job's full name when known, else its id (<see cref="JobShortName"/>, when different,
/// is what the handler sees as <see cref="BatchContext.JobName"/>). <see cref="JobId"/> is the seed article's short hash
/// of job name and run key, kept for readers of the table.
/// </summary>
internal sealed record RunIdentity(
    string JobName,
    string JobId,
    string RunKey,
    DateOnly RunDate,
    DateTimeOffset ScheduleTime,
    TimeZoneInfo TimeZone,
    BatchTrigger Trigger,
    string? ExecutionId,
    int? Attempt,
    long? Epoch,
    string? JobShortName = null);
