namespace Belfry.AspNetCore;

/// <summary>
/// How much of the schedule time identifies one logical run, and so how often a job may succeed: once a day (the
/// default, the seed article's <c>run_date</c>), once an hour, once a minute, or once per exact schedule time.
/// </summary>
public enum RunKeyGranularity
{
    /// <summary>The local date in the job's zone, e.g. <c>2027-01-02</c>.</summary>
    Day,

    /// <summary>The local hour with its UTC offset, e.g. <c>2027-01-02T06+09:00</c> (the offset keeps a repeated DST hour apart).</summary>
    Hour,

    /// <summary>The local minute with its UTC offset, e.g. <c>2027-01-02T06:05+09:00</c>.</summary>
    Minute,

    /// <summary>The exact schedule time to the second with its UTC offset, e.g. <c>2027-01-02T06:05:00+09:00</c>.</summary>
    Exact,
}
