using System.Collections.Concurrent;
using System.Data.Common;
using Belfry.Core.Jobs;

namespace Belfry.Storage.Sql;

/// <summary>
/// Jobs as planning last read them, so a job planned every second is not parsed again every second (its headers,
/// body and notification routes). Only what the dispatcher changes is read from the row each time
/// (<see cref="JobRows.ReadOnto"/>). An entry is keyed by the job's name and its definition version, the row's
/// <c>definition_version</c> (<see cref="JobRows.DefinitionVersionOrdinal"/>): every user write of a definition (create,
/// update, pause, resume, a pipeline's step jobs) raises it and no dispatcher write does but a plan that leaves the job
/// UPDATE_FAILED (users' updates are fenced on it), so a definition changed by any writer, another node's included, is
/// read again without being told. (The row's <c>version</c> column also moves
/// with every plan and attempt, so keying by it would parse every planned job again.) The store still drops an entry
/// on its own writes (<see cref="Forget"/>) to free the memory of deleted jobs. Bounded by clearing, as
/// <see cref="Core.Planning.ScheduleCache"/> is.
/// </summary>
internal sealed class JobDefinitionCache(SqlDialect dialect)
{
    private const int MaxEntries = 20_000;

    private readonly ConcurrentDictionary<string, (Job Job, long DefinitionVersion)> _jobs = new(StringComparer.Ordinal);

    /// <summary>
    /// The job in the current row (its <see cref="JobRows.Columns"/> at 0), from the cache when it holds
    /// <paramref name="name"/> at the row's definition version.
    /// </summary>
    public Job Read(string name, DbDataReader reader)
    {
        var definitionVersion = reader.GetInt64(JobRows.DefinitionVersionOrdinal);
        if (_jobs.TryGetValue(name, out var cached) && cached.DefinitionVersion == definitionVersion)
        {
            return JobRows.ReadOnto(reader, cached.Job, dialect);
        }

        if (_jobs.Count >= MaxEntries)
        {
            _jobs.Clear();
        }

        var job = JobRows.Read(reader, 0, dialect);
        _jobs[name] = (job, definitionVersion);
        return job;
    }

    public void Forget(JobName name) => _jobs.TryRemove(name.FullName, out _);
}
