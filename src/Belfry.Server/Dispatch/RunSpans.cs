using Belfry.Core.Pipelines;
using Belfry.Core.Storage;
using Belfry.Server.Telemetry;

namespace Belfry.Server.Dispatch;

/// <summary>
/// Emits a pipeline run's span when a step's final result finished it (<see cref="AttemptTracing.EmitRun"/>). The
/// store finishes a run in the transaction that records its last step, at that record's time, so the run is read
/// back after the record and its span emitted only by the record whose time is the run's finish time: once per
/// finish, even when parallel steps end together. Only read when someone listens to the <c>Belfry</c> source.
/// </summary>
internal sealed class RunSpans(IPipelineStore store, ILogger<Dispatcher> logger)
{
    // PostgreSQL keeps whole microseconds of the finish time; the record's time has ticks.
    private static readonly TimeSpan Precision = TimeSpan.FromMicroseconds(1);

    public async Task EmitIfFinishedAsync(PipelineStepRef step, AttemptResult result)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(result);
        if (!BelfryActivities.Source.HasListeners())
        {
            return;
        }

        try
        {
            var run = await store.GetRunAsync(step.Pipeline, step.RunId, CancellationToken.None).ConfigureAwait(false);
            if (run is { State: not PipelineRunState.Running, FinishTime: { } finished } && (finished - result.Now).Duration() < Precision)
            {
                AttemptTracing.EmitRun(run);
            }
        }
        catch (Exception e)
        {
            // A span is not worth failing a delivery for: the attempt is recorded already.
            Log.RunSpanFailed(logger, step.Pipeline.FullName, step.RunId, e);
        }
    }
}
