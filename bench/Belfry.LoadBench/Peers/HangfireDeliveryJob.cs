using System.Globalization;
using Belfry.LoadBench.Sink;
using Hangfire.Server;

namespace Belfry.LoadBench.Peers;

/// <summary>
/// The Hangfire job: POSTs to the sink. Its scheduled time is the "Time" parameter Hangfire's recurring scheduler
/// puts on every job it triggers (Unix seconds): the occurrence in Strict misfire mode, the moment of triggering in
/// the default Relaxed mode, whose whole second is, for a per-second cron, the latest occurrence due then.
/// </summary>
public static class HangfireDeliveryJob
{
    internal static Uri? Sink { get; set; }

    public static Task PostAsync(string jobId, PerformContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var raw = context.GetJobParameter<string>("Time") ?? throw new InvalidOperationException("no Time parameter");
        var value = long.Parse(raw, CultureInfo.InvariantCulture);
        var scheduled = value > 100_000_000_000 ? DateTimeOffset.FromUnixTimeMilliseconds(value) : DateTimeOffset.FromUnixTimeSeconds(value);
        return SinkRequest.PostAsync(Sink!, jobId, scheduled, context.CancellationToken.ShutdownToken);
    }
}
