namespace Belfry.AspNetCore;

/// <summary>
/// The logical run a batch handler is asked to perform, taken from the verified token's signed claims (or, with Google's
/// issuer, from the <c>X-CloudScheduler-*</c> headers; for an allowed manual call, from the endpoint and the clock). Use <see cref="RunDate"/> or
/// <see cref="ScheduleTime"/> to decide what data to process, never the service's own clock: a retry an hour later,
/// or a catch-up run a day later, must process the same data as the original occurrence.
/// </summary>
/// <remarks>
/// The SDK builds this for each claimed run; the init accessors exist so handlers can be unit-tested directly.
/// </remarks>
public sealed class BatchContext
{
    /// <summary>
    /// The job id: the <c>belfry_job</c> claim, else (Google's issuer) <c>X-CloudScheduler-JobName</c>, else the
    /// endpoint's first job (<see cref="BelfryBatchEndpointRouteBuilderExtensions.WithBatchJobName"/>, or the route).
    /// </summary>
    public required string JobName { get; init; }

    /// <summary>
    /// The job's full name, <c>projects/P/locations/L/jobs/J</c>, when known: the signed <c>belfry_job_name</c> claim, or
    /// the endpoint's full binding. The ledger keys on it, so same-named jobs of different projects are separate runs.
    /// <see langword="null"/> when only the id is known (then the ledger keys on <see cref="JobName"/>).
    /// </summary>
    public string? JobFullName { get; init; }

    /// <summary>The ledger key of this run within the job, e.g. <c>2027-01-02</c> for <see cref="RunKeyGranularity.Day"/>.</summary>
    public required string RunKey { get; init; }

    /// <summary>The schedule time's local date in <see cref="TimeZone"/>: the seed article's <c>run_date</c>.</summary>
    public required DateOnly RunDate { get; init; }

    /// <summary>
    /// The occurrence's schedule time, expressed in <see cref="TimeZone"/> (its offset is the zone's offset at that
    /// instant). For a manual call without a schedule time: the time the call arrived.
    /// </summary>
    public required DateTimeOffset ScheduleTime { get; init; }

    /// <summary>
    /// The job's zone: the <c>belfry_time_zone</c> claim, else a fixed-offset zone from the schedule time's offset,
    /// else <see cref="BelfryBatchOptions.DefaultTimeZone"/>.
    /// </summary>
    public required TimeZoneInfo TimeZone { get; init; }

    /// <summary>Why the scheduler called.</summary>
    public BatchTrigger Trigger { get; init; }

    /// <summary>Whether this is a manual run (the scheduler's <c>:run</c>, or a call with no schedule time).</summary>
    public bool IsManual => Trigger == BatchTrigger.Manual;

    /// <summary>The scheduler's execution id (<c>belfry_execution</c> or <c>X-Belfry-Execution</c>), when sent.</summary>
    public string? ExecutionId { get; init; }

    /// <summary>The scheduler's delivery attempt, 1 for the first (<c>belfry_attempt</c> or <c>X-Belfry-Attempt</c>), when sent.</summary>
    public int? Attempt { get; init; }

    /// <summary>The scheduler's fencing epoch for the execution (<c>belfry_epoch</c> or <c>X-Belfry-Epoch</c>), when sent.</summary>
    public long? Epoch { get; init; }

    /// <summary>The caller's service account: the token's <c>email</c> claim, else its <c>sub</c>.</summary>
    public string? Subject { get; init; }

    /// <summary>
    /// The ledger's fencing epoch for this claim: 1 for the first claim of the run key, one more for each re-run after a
    /// failure or an expired lease. Writes from a claim with a lower epoch are refused.
    /// </summary>
    public long LedgerEpoch { get; init; }

    /// <summary>The request's services, for resolving scoped dependencies inside the handler.</summary>
    public IServiceProvider Services { get; init; } = EmptyServiceProvider.Instance;
}
