namespace Belfry.Core.Storage;

/// <summary>Where a page of finished executions ends: the last row's finish time and id (ids break ties).</summary>
internal sealed record FinishedExecutionKey(DateTimeOffset FinishTime, string Id);
