namespace Belfry.Core.Storage;

/// <summary>
/// What a node says about itself every heartbeat: its id, the address it listens on, its version, when it started (by
/// its own clock), how many executions it holds (armed, being sent, awaiting their record), its clock's offset from the database's as last measured, and why it
/// refuses to dispatch (null while it dispatches).
/// </summary>
internal sealed record NodeHeartbeat(
    string Id, string Address, string Version, DateTimeOffset StartTime, int ExecutionsInFlight, TimeSpan ClockOffset, string? Refusal);
