using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Belfry.Server.Telemetry;

/// <summary>
/// The one <see cref="ActivitySource"/> named <c>Belfry</c> (STYLE, "Code"): a span per attempt and per pipeline run.
/// The OpenTelemetry SDK subscribes with <c>AddSource("Belfry")</c>; without a subscriber no span is made.
/// </summary>
/// <remarks>
/// A pipeline run outlives any process (it is durable across restarts), so its span cannot stay open in memory. Its
/// trace id is derived from the run's resource name instead (<see cref="RunTraceId"/>): every step attempt of the
/// run, on whichever node and after whichever restart, starts its span in that trace, and the run's own span is
/// emitted when the run finishes, with the start time the store recorded. Span ids cannot be chosen in .NET, so the
/// run span and its step attempts are roots side by side in one trace rather than parent and children.
/// </remarks>
internal static class BelfryActivities
{
    public const string SourceName = "Belfry";

    public static readonly ActivitySource Source = new(SourceName);

    // The trace id the next root activity on this thread takes; set only around a synchronous StartActivity.
    [ThreadStatic]
    private static ActivityTraceId? t_nextTraceId;

    static BelfryActivities()
    {
        // The documented hook for choosing root trace ids. A root started here gets the run's trace id; every other
        // root in the process keeps whatever generator was there (random by default). The sampler sees the chosen id,
        // so a ratio sampler keeps or drops a whole run's trace, never half of it.
        var previous = Activity.TraceIdGenerator;
        Activity.TraceIdGenerator = () => t_nextTraceId ?? previous?.Invoke() ?? ActivityTraceId.CreateRandom();
    }

    /// <summary>
    /// Starts a root span, in the trace <paramref name="traceId"/> when given; null when nobody listens or the
    /// sampler drops it. Never a child of whatever activity is current: a delivery is not part of a dispatcher cycle.
    /// Nor does it become the current activity: nothing in the process runs inside an attempt's span (its context
    /// leaves as the header <see cref="Dispatch.AttemptTracing.Inject"/> writes), and a current activity would make every
    /// await of the send carry a changed ExecutionContext (issue 13: the burst lost a fifth of its speed to that).
    /// </summary>
    public static Activity? StartRoot(string name, ActivityKind kind, ActivityTraceId? traceId, DateTimeOffset startTime = default)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var current = Activity.Current;
        Activity.Current = null;
        t_nextTraceId = traceId;
        try
        {
            return Source.StartActivity(name, kind, parentContext: default, startTime: startTime);
        }
        finally
        {
            t_nextTraceId = null;
            Activity.Current = current;
        }
    }

    /// <summary>The trace id of a pipeline run: the first 16 bytes of the SHA-256 of its resource name.</summary>
    public static ActivityTraceId RunTraceId(string runName)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(runName), hash);
        return ActivityTraceId.CreateFromBytes(hash[..16]);
    }
}
