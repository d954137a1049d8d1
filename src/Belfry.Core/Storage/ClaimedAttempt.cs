using Belfry.Core.Executions;
using Belfry.Core.Jobs;

namespace Belfry.Core.Storage;

/// <summary>
/// An attempt this node now owns until <see cref="LeaseUntil"/>: the execution (now Running), the job as it is
/// at claim time, the attempt's number and the fencing epoch to send and to record with.
/// </summary>
internal sealed record ClaimedAttempt(Execution Execution, Job Job, int AttemptNumber, long Epoch, DateTimeOffset LeaseUntil);
