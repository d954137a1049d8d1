using System.Globalization;
using Belfry.Testing;

namespace Belfry.EndToEnd.Tests.Chaos;

/// <summary>
/// One request as the chaos target logged it: the (job, second) it was for, and which execution, attempt and fencing
/// epoch sent it (docs/semantics.md, "Headers sent"). <paramref name="Sequence"/> is its place in the target's log.
/// </summary>
internal sealed record Delivery(long Sequence, string Job, DateTimeOffset ScheduleTime, string Execution, int Attempt, long Epoch)
{
    public static Delivery From(long sequence, RecordedRequest request) => new(
        sequence,
        request.Header("X-CloudScheduler-JobName"),
        DateTimeOffset.Parse(request.Header("X-CloudScheduler-ScheduleTime"), CultureInfo.InvariantCulture),
        request.Header("X-Belfry-Execution"),
        int.Parse(request.Header("X-Belfry-Attempt"), CultureInfo.InvariantCulture),
        long.Parse(request.Header("X-Belfry-Epoch"), CultureInfo.InvariantCulture));

    /// <summary>The target's log so far, in arrival order: the requests on <paramref name="path"/>.</summary>
    public static IReadOnlyList<Delivery> Log(RecordingTarget target, string path) =>
        target.Requests.Where(r => r.Path == path).Select((r, i) => From(i, r)).ToList();
}
