namespace Belfry.Core.Planning;

/// <summary>
/// The planner's decision for one due job: executions to create (with their trigger), times recorded as
/// skipped or missed, the one time left waiting for the outstanding execution (replacing any earlier), and the
/// job's next schedule time; or a failure to plan.
/// </summary>
internal sealed record OccurrencePlan(
    IReadOnlyList<PlannedFire> Fire,
    IReadOnlyList<DateTimeOffset> Skipped,
    IReadOnlyList<DateTimeOffset> Missed,
    DateTimeOffset? Deferred,
    DateTimeOffset? NextScheduleTime)
{
    /// <summary>Missed times beyond <see cref="OccurrencePlanner.MaxMissedRecords"/>: counted (and logged), not stored.</summary>
    public long MissedNotRecorded { get; init; }

    /// <summary>
    /// Why the job could not be planned (an exception's type, never a value), or null. The store then marks the job
    /// UPDATE_FAILED with this as its status rather than leaving it enabled with no schedule time (issue 10, M5).
    /// </summary>
    public string? Failure { get; init; }

    /// <summary>Nothing fires; the job is marked as failed to plan.</summary>
    public static OccurrencePlan Failed(string failure) => new([], [], [], null, null) { Failure = failure };
}
