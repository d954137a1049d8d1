using System.Diagnostics.CodeAnalysis;

namespace Belfry.Core.Jobs;

/// <summary>
/// A job's resource name: <c>projects/{project}/locations/{location}/jobs/{job}</c>; or the name of a pipeline step's
/// internal job, <c>projects/{project}/locations/{location}/jobs/{pipeline}/steps/{step}</c> (docs/pipelines.md).
/// </summary>
/// <remarks>
/// Immutable without <c>init</c> accessors, so <see cref="FullName"/> can be built once: the dispatcher uses it as a
/// store key for every delivery. A step's job has its own key (no user job id contains '/', so a user job may be
/// called <c>{pipeline}-{step}</c>), yet its target sees it as the job <c>{pipeline}-{step}</c>, as it always has:
/// <see cref="JobId"/> and <see cref="TargetName"/> say that.
/// </remarks>
internal sealed record JobName
{
    private const string StepSeparator = "/steps/";

    /// <summary>A user's job.</summary>
    public JobName(string project, string location, string jobId)
        : this(project, location, jobId, jobId)
    {
    }

    private JobName(string project, string location, string storedId, string jobId)
    {
        Project = project;
        Location = location;
        JobId = jobId;
        StoredId = storedId;
        FullName = $"projects/{project}/locations/{location}/jobs/{storedId}";
        TargetName = ReferenceEquals(storedId, jobId) ? FullName : $"projects/{project}/locations/{location}/jobs/{jobId}";
    }

    public string Project { get; }

    public string Location { get; }

    /// <summary>The id the target sees (<c>X-CloudScheduler-JobName</c>, the token's <c>belfry_job</c>): a step's is <c>{pipeline}-{step}</c>.</summary>
    public string JobId { get; }

    /// <summary>The last part of <see cref="FullName"/>, the store's <c>job_id</c>: <see cref="JobId"/>, or a step's <c>{pipeline}/steps/{step}</c>.</summary>
    public string StoredId { get; }

    /// <summary>The name and the store's key: unique among a location's jobs and pipeline steps.</summary>
    public string FullName { get; }

    /// <summary>
    /// The name the target, notifications and the API's executions show (the token's <c>belfry_job_name</c>):
    /// <see cref="FullName"/> for a user's job, <c>projects/{project}/locations/{location}/jobs/{pipeline}-{step}</c> for a step's.
    /// </summary>
    public string TargetName { get; }

    /// <summary>Whether this is a pipeline step's internal job.</summary>
    public bool IsPipelineStep => !string.Equals(StoredId, JobId, StringComparison.Ordinal);

    public LocationName Parent => new(Project, Location);

    public override string ToString() => FullName;

    /// <summary>The internal job that carries step <paramref name="stepId"/> of pipeline <paramref name="pipelineId"/>.</summary>
    public static JobName ForPipelineStep(string project, string location, string pipelineId, string stepId) =>
        new(project, location, $"{pipelineId}{StepSeparator}{stepId}", $"{pipelineId}-{stepId}");

    /// <summary>A name from the store's columns: <paramref name="storedId"/> is a <see cref="StoredId"/>.</summary>
    public static JobName FromStored(string project, string location, string storedId)
    {
        var separator = storedId.IndexOf(StepSeparator, StringComparison.Ordinal);
        return separator < 0
            ? new JobName(project, location, storedId)
            : ForPipelineStep(project, location, storedId[..separator], storedId[(separator + StepSeparator.Length)..]);
    }

    /// <summary>A user's job name, as the API accepts it; never a step's.</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out JobName? name)
    {
        name = null;
        if (value is null)
        {
            return false;
        }

        var parts = value.Split('/');
        if (parts.Length != 6 || parts[0] != "projects" || parts[2] != "locations" || parts[4] != "jobs")
        {
            return false;
        }

        if (!ResourceId.IsValidProjectOrLocation(parts[1]) || !ResourceId.IsValidProjectOrLocation(parts[3]) ||
            !ResourceId.IsValidJobId(parts[5]))
        {
            return false;
        }

        name = new JobName(parts[1], parts[3], parts[5]);
        return true;
    }

    /// <summary>A <see cref="FullName"/> as stored: a user's job name, or a step's job name.</summary>
    public static bool TryParseStored(string? value, [NotNullWhen(true)] out JobName? name)
    {
        if (TryParse(value, out name))
        {
            return true;
        }

        var parts = value?.Split('/') ?? [];
        if (parts.Length != 8 || parts[0] != "projects" || parts[2] != "locations" || parts[4] != "jobs" || parts[6] != "steps" ||
            !ResourceId.IsValidProjectOrLocation(parts[1]) || !ResourceId.IsValidProjectOrLocation(parts[3]) ||
            !ResourceId.IsValidId(parts[5]) || !ResourceId.IsValidId(parts[7]))
        {
            return false;
        }

        name = ForPipelineStep(parts[1], parts[3], parts[5], parts[7]);
        return true;
    }
}
