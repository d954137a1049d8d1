namespace Belfry.AspNetCore.RunKeys;

/// <summary>
/// Job names as the scheduler spells them: a short id (<c>sync-daily-data</c>, the <c>belfry_job</c> claim and
/// <c>X-CloudScheduler-JobName</c>) or a full name (<c>projects/P/locations/L/jobs/J</c>, the <c>belfry_job_name</c>
/// claim). Short ids repeat across projects and locations, so the ledger keys on the full name whenever it is known.
/// </summary>
internal static class JobNames
{
    private const string JobsSegment = "/jobs/";

    /// <summary>Whether <paramref name="name"/> is <c>projects/P/locations/L/jobs/J</c> with no empty part.</summary>
    public static bool IsFullName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var parts = name.Split('/');
        return parts.Length == 6
            && parts[0] == "projects" && parts[2] == "locations" && parts[4] == "jobs"
            && parts.All(part => part.Length > 0 && !part.Any(char.IsWhiteSpace));
    }

    /// <summary>Whether <paramref name="name"/> is a short id: non-blank, no <c>/</c>, no white space.</summary>
    public static bool IsShortId(string name) =>
        !string.IsNullOrEmpty(name) && !name.Contains('/', StringComparison.Ordinal) && !name.Any(char.IsWhiteSpace);

    /// <summary>The short id of a full name (its last segment), or the name itself when it is already short.</summary>
    public static string ShortId(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var index = name.LastIndexOf(JobsSegment, StringComparison.Ordinal);
        return index < 0 ? name : name[(index + JobsSegment.Length)..];
    }

    /// <summary>
    /// Whether an endpoint's <paramref name="binding"/> admits a job: a full binding must equal the job's full name;
    /// a short binding admits that id in any project and location.
    /// </summary>
    public static bool Admits(string binding, string shortId, string? fullName) =>
        IsFullName(binding)
            ? string.Equals(binding, fullName, StringComparison.Ordinal)
            : string.Equals(binding, shortId, StringComparison.Ordinal);

    /// <summary>
    /// A gate's job name as a ledger key: a full name stays; a short one is placed in the project and location of the
    /// current run (<paramref name="currentLedgerName"/>) when that is a full name, and stays short otherwise.
    /// </summary>
    public static string Qualify(string gateName, string currentLedgerName)
    {
        ArgumentNullException.ThrowIfNull(gateName);
        ArgumentNullException.ThrowIfNull(currentLedgerName);
        if (IsFullName(gateName) || !IsFullName(currentLedgerName))
        {
            return gateName;
        }

        return currentLedgerName[..(currentLedgerName.LastIndexOf(JobsSegment, StringComparison.Ordinal) + JobsSegment.Length)] + gateName;
    }
}
