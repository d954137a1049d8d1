using Belfry.Core.Notifications;
using Belfry.Core.Pipelines;

namespace Belfry.Core.Executions;

/// <summary>
/// What a final execution changes besides itself, applied in the transaction that records it: whether the job's
/// deferred time may start (<see cref="Planning.DeferredRelease"/> decides once the store has read it), the outbox
/// events, the outcome to remember for the next recovery notice (null: unchanged), and the state of the pipeline step
/// the execution runs (null: not a step). The common case (no routes, no deferred time, not a step) allocates nothing.
/// </summary>
internal readonly record struct FinalChanges(
    bool CheckDeferredTime, IReadOnlyList<OutboxEvent> Events, ExecutionOutcome? RememberOutcome, PipelineStepState? StepState);
