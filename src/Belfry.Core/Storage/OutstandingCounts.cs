namespace Belfry.Core.Storage;

/// <summary>
/// Executions not yet final, across every job and pipeline step: <see cref="Outstanding"/> (Pending or Running) and,
/// among them, <see cref="RetriesPending"/> (Pending after a failed attempt, waiting for their next attempt time).
/// </summary>
internal readonly record struct OutstandingCounts(long Outstanding, long RetriesPending);
