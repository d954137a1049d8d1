using Belfry.Core.Jobs;

namespace Belfry.Core.Alerts;

/// <summary>
/// What the missed-run decision needs about one job: the job, its bookmark, and its succeeded executions scheduled
/// at or after <see cref="MissedRunPlanner.SuccessesFrom"/> that finished by now, ascending by schedule time
/// (<see cref="Truncated"/> when the store cut the list short).
/// </summary>
internal sealed record MissedRunCheck(Job Job, JobWatch Watch, IReadOnlyList<SucceededRun> Successes, bool Truncated);
