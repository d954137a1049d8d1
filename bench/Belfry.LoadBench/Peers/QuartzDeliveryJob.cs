using Belfry.LoadBench.Sink;
using Quartz;

namespace Belfry.LoadBench.Peers;

/// <summary>The Quartz job: POSTs to the sink with its job key as id and Quartz's scheduled fire time.</summary>
internal sealed class QuartzDeliveryJob : IJob
{
    internal static Uri? Sink { get; set; }

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var scheduled = context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
        await SinkRequest.PostAsync(Sink!, context.JobDetail.Key.Name, scheduled, cancellationToken);
    }
}
