namespace Belfry.Core.Storage;

/// <summary>An execution's lease as its holder knows it: the execution and the fencing epoch it was claimed at.</summary>
internal readonly record struct HeldLease(string ExecutionId, long Epoch);
