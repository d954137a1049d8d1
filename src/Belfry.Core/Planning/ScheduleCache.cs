using System.Collections.Concurrent;
using Belfry.Core.Scheduling;

namespace Belfry.Core.Planning;

/// <summary>
/// Parsed schedules by (expression, zone): many jobs share a few schedules, and the dispatcher plans the same
/// job every time it fires. Bounded by clearing, since a rare re-parse is cheap.
/// </summary>
internal sealed class ScheduleCache
{
    private const int MaxEntries = 50_000;
    private readonly ConcurrentDictionary<(string Expression, string TimeZone), Schedule> _schedules = new();

    /// <summary>The parsed schedule, or a <see cref="ScheduleFormatException"/>.</summary>
    public Schedule Get(string expression, string timeZone)
    {
        if (_schedules.TryGetValue((expression, timeZone), out var schedule))
        {
            return schedule;
        }

        if (_schedules.Count >= MaxEntries)
        {
            _schedules.Clear();
        }

        schedule = Schedule.Parse(expression, timeZone);
        _schedules[(expression, timeZone)] = schedule;
        return schedule;
    }
}
