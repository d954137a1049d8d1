using System.Collections.Concurrent;
using Belfry.Core.Jobs;
using Microsoft.Data.Sqlite;

namespace Belfry.Storage.Sqlite;

/// <summary>
/// Jobs as planning last read them, by name, so a job planned every second is not parsed again every second (its
/// headers, body and notification routes). Only what the dispatcher changes is read from the row each time
/// (<see cref="JobRows.ReadOnto"/>). The store drops an entry whenever a job's definition may change (create, update,
/// delete), inside the same write transaction; planning reads under the same write lock, so it never sees a stale one.
/// Bounded by clearing, as <see cref="Core.Planning.ScheduleCache"/> is.
/// </summary>
internal sealed class JobDefinitionCache
{
    private const int MaxEntries = 20_000;
    private readonly ConcurrentDictionary<string, Job> _jobs = new(StringComparer.Ordinal);

    /// <summary>The job in the current row (its <see cref="JobRows.Columns"/> at 0), from the cache when it holds <paramref name="name"/>.</summary>
    public Job Read(string name, SqliteDataReader reader)
    {
        if (_jobs.TryGetValue(name, out var definition))
        {
            return JobRows.ReadOnto(reader, definition);
        }

        if (_jobs.Count >= MaxEntries)
        {
            _jobs.Clear();
        }

        var job = JobRows.Read(reader, 0);
        _jobs[name] = job;
        return job;
    }

    public void Forget(JobName name) => _jobs.TryRemove(name.FullName, out _);
}
