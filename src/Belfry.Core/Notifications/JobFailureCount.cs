namespace Belfry.Core.Notifications;

/// <summary>How many failed executions a job had in an alert policy's window.</summary>
internal sealed record JobFailureCount(string JobId, int Count);
