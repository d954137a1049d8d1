namespace Belfry.Core.Storage;

/// <summary>
/// One page of a location's finished executions, by finish time then id, without attempts; <see cref="Next"/> is the
/// keyset to read the next page after, null on the last page.
/// </summary>
internal sealed record FinishedExecutionPage(IReadOnlyList<FinishedExecutionRow> Rows, FinishedExecutionKey? Next);
