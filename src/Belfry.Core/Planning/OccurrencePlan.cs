namespace Belfry.Core.Planning;

/// <summary>
/// The planner's decision for one due job: executions to create (with their trigger), times recorded as
/// skipped or missed, the one time left waiting for the outstanding execution (replacing any earlier), and the
/// job's next schedule time.
/// </summary>
internal sealed record OccurrencePlan(
    IReadOnlyList<PlannedFire> Fire,
    IReadOnlyList<DateTimeOffset> Skipped,
    IReadOnlyList<DateTimeOffset> Missed,
    DateTimeOffset? Deferred,
    DateTimeOffset? NextScheduleTime);
