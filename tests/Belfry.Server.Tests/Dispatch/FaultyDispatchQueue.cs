using Belfry.Core.Storage;

namespace Belfry.Server.Tests.Dispatch;

/// <summary>
/// The real dispatch queue with one fault: a group commit that holds <see cref="FailingExecution"/>'s result throws
/// before anything is written, as one bad row does. Every batch it is asked to record is kept, and the first one can be
/// held at <see cref="Gate"/> so a test decides what the next batch holds.
/// </summary>
internal sealed class FaultyDispatchQueue(IDispatchQueue inner) : DelegatingDispatchQueue(inner)
{
    private readonly List<string[]> _batches = [];

    /// <summary>The execution whose result cannot be recorded.</summary>
    public string? FailingExecution { get; set; }

    /// <summary>When set, the next batch waits for it (once) before being recorded.</summary>
    public Task? Gate { get; set; }

    /// <summary>Completes when a batch has reached <see cref="Gate"/>.</summary>
    public Task AtGate => _atGate.Task;

    private readonly TaskCompletionSource _atGate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The execution ids of every batch asked of <see cref="RecordAttemptsAsync"/>, in order.</summary>
    public IReadOnlyList<string[]> Batches
    {
        get
        {
            lock (_batches)
            {
                return [.. _batches];
            }
        }
    }

    public override async Task<IReadOnlyList<bool>> RecordAttemptsAsync(IReadOnlyList<AttemptResult> results, CancellationToken cancellationToken)
    {
        lock (_batches)
        {
            _batches.Add([.. results.Select(r => r.ExecutionId)]);
        }

        if (Gate is { } gate)
        {
            Gate = null;
            _atGate.SetResult();
            await gate;
        }

        if (results.Any(r => r.ExecutionId == FailingExecution))
        {
            throw new InvalidOperationException("A row that cannot be written (injected by the test).");
        }

        return await base.RecordAttemptsAsync(results, cancellationToken);
    }
}
