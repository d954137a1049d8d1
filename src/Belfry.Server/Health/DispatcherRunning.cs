namespace Belfry.Server.Health;

/// <summary>
/// <c>/readyz</c>'s "dispatcher running" (issue 15): set by <see cref="Dispatch.DispatcherService"/> as its loop starts
/// and ends, so a node whose loop has not started, or has ended (the host stopping), is taken out of rotation. A
/// dispatcher turned off by configuration (<c>Belfry:Dispatch:Enabled=false</c>) is not waited for.
/// </summary>
internal sealed class DispatcherRunning : IReadinessCheck
{
    private const string NotStarted = "the dispatcher has not started yet";
    private const string Ended = "the dispatcher has stopped";

    private string? _problem = NotStarted;

    public string Name => "dispatcher";

    public ValueTask<string?> FindProblemAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Volatile.Read(ref _problem));

    public void Started() => Volatile.Write(ref _problem, null);

    public void Stopped() => Volatile.Write(ref _problem, Ended);

    /// <summary>Turned off by configuration: nothing to wait for.</summary>
    public void Off() => Volatile.Write(ref _problem, null);
}
