namespace Belfry.Server.Api;

/// <summary>The paging rule of every list call: jobs, executions, channels, alert policies, pipelines and their runs.</summary>
internal static class Paging
{
    // Cloud Scheduler: "The maximum page size is 500. If unspecified, the page size will be the maximum." Belfry's own
    // resources keep the maximum and pass a smaller default.
    public const int MaxPageSize = 500;

    /// <summary>A page size from the query: absent or 0 is <paramref name="defaultSize"/>, more than 500 is 500, negative is refused.</summary>
    public static int Size(int? pageSize, int defaultSize) => pageSize switch
    {
        null or 0 => defaultSize,
        < 0 => throw ApiException.InvalidArgument($"pageSize: must not be negative, got {pageSize}."),
        _ => Math.Min(pageSize.Value, MaxPageSize),
    };

    /// <summary>An empty <c>pageToken</c> (as clients send for the first page) asks for the first page, as an absent one.</summary>
    public static string? Token(string? pageToken) => string.IsNullOrEmpty(pageToken) ? null : pageToken;
}
