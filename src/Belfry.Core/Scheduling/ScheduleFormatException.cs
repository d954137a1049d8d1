namespace Belfry.Core.Scheduling;

/// <summary>A schedule or time zone that cannot be used; <see cref="Field"/> is the wire field to blame.</summary>
internal sealed class ScheduleFormatException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
