using System.Globalization;
using Belfry.Core.Executions;
using Belfry.Core.Jobs;
using Belfry.Server.Api;
using Belfry.Server.Api.Jobs;
using Belfry.Server.Notifications;

namespace Belfry.Server.Dashboard;

/// <summary>How the pages write times, durations and states: as the API and the notifications do.</summary>
internal static class DashboardText
{
    /// <summary><c>2026-12-05 08:13:28 UTC</c>: to the second, for people; the API keeps RFC 3339 with its fraction.</summary>
    public static string Utc(DateTimeOffset? instant) =>
        instant is { } i ? i.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : "—";

    /// <summary>The wall-clock time in the job's zone with its offset, as messages show it.</summary>
    public static string Local(DateTimeOffset? instant, string zone) => instant is { } i ? NotificationComposer.Local(i, zone) : "—";

    /// <summary>As <c>belfry cron next</c>'s LOCAL column: <c>Sun 2030-03-10 03:00:00 -04:00</c>.</summary>
    public static string Wall(DateTimeOffset local) => local.ToString("ddd yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);

    public static string Duration(TimeSpan duration) => DurationFormat.Format(duration);

    public static string State(JobState state) => JobMapper.StateName(state);

    public static string State(ExecutionState state) => state.ToString().ToUpperInvariant();

    public static string Percent(decimal rate) => rate.ToString("0.#", CultureInfo.InvariantCulture) + "%";

    /// <summary>The job page's address, relative to the dashboard's root.</summary>
    public static string JobLink(JobName name) => DashboardPaths.Job(name.Project, name.Location, name.JobId);
}
