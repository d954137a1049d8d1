using System.Collections.Concurrent;

namespace SyncService;

/// <summary>Counts requests per path, so <c>/status</c> can show duplicates arriving while the handlers ran once.</summary>
internal sealed class RequestCounter : IMiddleware
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var path = context.Request.Path.Value ?? "/";
        if (path != "/status")
        {
            _counts.AddOrUpdate(path, 1, (_, count) => count + 1);
        }

        return next(context);
    }

    public IReadOnlyDictionary<string, int> Snapshot() => new SortedDictionary<string, int>(_counts, StringComparer.Ordinal);
}
