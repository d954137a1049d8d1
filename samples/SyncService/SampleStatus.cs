namespace SyncService;

/// <summary><c>GET /status</c>: how many times each handler really ran per job and run key, and how many requests each endpoint got.</summary>
internal sealed record SampleStatus(IReadOnlyList<HandlerRuns> Runs, IReadOnlyDictionary<string, int> Requests);
