namespace Belfry.LoadBench.Sink;

/// <summary>
/// One request at a soak target: the target (<see cref="SoakTargets"/>), what Belfry's headers said (execution, attempt,
/// epoch, job; a webhook's event id), the answer the target gave or is about to give (0: none, a hanging target), and
/// when it arrived (UTC ticks).
/// </summary>
internal sealed record SoakArrival(
    string Target, string? ExecutionId, int Attempt, long Epoch, string? JobId, string? EventId, int Answer, long ReceivedUtcTicks);
