namespace Belfry.EndToEnd.Tests.Chaos;

/// <summary>Something done to the cluster when the window reaches <paramref name="At"/> (a kill, a restart).</summary>
internal sealed record ChaosEvent(TimeSpan At, string Name, Func<Task> Act);
