using Belfry.Core.Executions;
using Belfry.Core.Jobs;
using Belfry.Core.Scheduling;

namespace Belfry.Server.Dashboard;

/// <summary>The job page's figures: the definition, the next fire times and the newest executions with their attempts.</summary>
internal sealed record JobDetail(Job Job, IReadOnlyList<ScheduleOccurrence> NextFires, IReadOnlyList<Execution> Executions);
