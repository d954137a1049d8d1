namespace SyncService;

/// <summary>A handler's real runs for one job and run key.</summary>
internal sealed record HandlerRuns(string Handler, string Job, string RunKey, int Count);
