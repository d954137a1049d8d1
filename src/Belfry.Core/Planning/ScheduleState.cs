using Belfry.Core.Jobs;

namespace Belfry.Core.Planning;

/// <summary>
/// What <see cref="OccurrencePlanner"/> reads about one schedule, a job's or a pipeline's: the next planned time, the
/// overlap and catch-up rules, what is still outstanding, and the time waiting for it (Coalesce). Nothing else, so
/// a pipeline plans without posing as a job.
/// </summary>
/// <remarks>A value type: the dispatcher builds one per due job on every cycle, and it should cost no allocation.</remarks>
/// <param name="ScheduleTime">The next planned time; null plans from now (a job just resumed).</param>
/// <param name="Overlap">What a time that comes while <paramref name="Outstanding"/> is above zero does.</param>
/// <param name="CatchUp">What times missed by more than the misfire threshold do.</param>
/// <param name="CatchUpWindow">How far back missed times may still fire (bounded by <see cref="BelfrySettings.MaxCatchUpWindow"/>).</param>
/// <param name="Outstanding">A job's Pending or Running executions; a pipeline's Running runs.</param>
/// <param name="DeferredTime">The coalesced time waiting for the outstanding one, or null.</param>
internal readonly record struct ScheduleState(
    DateTimeOffset? ScheduleTime,
    OverlapPolicy Overlap,
    CatchUpPolicy CatchUp,
    TimeSpan CatchUpWindow,
    int Outstanding,
    DateTimeOffset? DeferredTime)
{
    /// <summary>A schedule with these Belfry settings (only overlap and catch-up are read).</summary>
    public static ScheduleState Of(DateTimeOffset? scheduleTime, BelfrySettings settings, int outstanding, DateTimeOffset? deferredTime)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new(scheduleTime, settings.Overlap, settings.CatchUp, settings.CatchUpWindow, outstanding, deferredTime);
    }
}
