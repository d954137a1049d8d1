namespace Belfry.AspNetCore.RunKeys;

/// <summary>
/// What a request says about its run, each value already taken from the signed claim when present and from the plain
/// header otherwise. <see cref="ScheduleTimeSource"/> names where <see cref="ScheduleTime"/> came from, for errors.
/// </summary>
internal sealed record RunKeyInputs
{
    public string? JobName { get; init; }

    public string? ScheduleTime { get; init; }

    public string ScheduleTimeSource { get; init; } = "";

    public string? TimeZone { get; init; }

    public string? Trigger { get; init; }

    public string? ExecutionId { get; init; }

    public int? Attempt { get; init; }

    public long? Epoch { get; init; }
}
