namespace Belfry.Core.Jobs;

/// <summary>Cloud Scheduler's rules for the segments of a resource name.</summary>
internal static class ResourceId
{
    /// <summary>Job ids: letters, digits, hyphens and underscores, at most 500 characters (Cloud Scheduler v1).</summary>
    public static bool IsValidJobId(string value) =>
        value.Length is > 0 and <= 500 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>Ids of channels and alert policies: letters, digits, hyphens and underscores, at most 100 characters.</summary>
    public static bool IsValidId(string value) =>
        value.Length is > 0 and <= 100 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>Project ids and location ids: lowercase letters, digits, hyphens (and dots/colons for legacy projects).</summary>
    public static bool IsValidProjectOrLocation(string value) =>
        value.Length is > 0 and <= 100 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');
}
