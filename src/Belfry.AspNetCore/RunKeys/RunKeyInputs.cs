namespace Belfry.AspNetCore.RunKeys;

/// <summary>
/// What a request says about its run, as admitted by <see cref="Endpoints.RunAdmission"/>: from the signed claims, or
/// (Google's issuer) from the plain headers. <see cref="ScheduleTimeSource"/> names where <see cref="ScheduleTime"/> came
/// from, for errors.
/// </summary>
internal sealed record RunKeyInputs
{
    /// <summary>The job id (<c>belfry_job</c>, <c>X-CloudScheduler-JobName</c> or the endpoint's binding).</summary>
    public string? JobName { get; init; }

    /// <summary>The job's full name when known (<c>belfry_job_name</c>, or a full binding); the ledger keys on it.</summary>
    public string? JobFullName { get; init; }

    /// <summary>
    /// The latest schedule time accepted, for unsigned ones: a header naming a time beyond it (tomorrow's run) is refused,
    /// so a caller cannot complete a future run in advance. <see langword="null"/> for signed schedule times.
    /// </summary>
    public DateTimeOffset? NotAfter { get; init; }

    public string? ScheduleTime { get; init; }

    public string ScheduleTimeSource { get; init; } = "";

    public string? TimeZone { get; init; }

    public string? Trigger { get; init; }

    public string? ExecutionId { get; init; }

    public int? Attempt { get; init; }

    public long? Epoch { get; init; }
}
