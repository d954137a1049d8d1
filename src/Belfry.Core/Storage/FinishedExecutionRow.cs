using Belfry.Core.Executions;

namespace Belfry.Core.Storage;

/// <summary>A finished execution for an export: the execution (without its attempts) and its job's time zone, for the run date.</summary>
internal sealed record FinishedExecutionRow(Execution Execution, string TimeZone);
