using System.ComponentModel.DataAnnotations;

namespace Belfry.Server.Dispatch;

/// <summary>Dispatcher settings (section <c>Belfry:Dispatch</c>).</summary>
internal sealed class DispatchOptions
{
    public const string SectionName = "Belfry:Dispatch";

    /// <summary>Run the background loop. Tests turn it off and call <see cref="Dispatcher.RunOnceAsync"/> themselves.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Jobs planned per store transaction.</summary>
    [Range(1, 10_000)]
    public int PlanBatchSize { get; set; } = 500;

    /// <summary>Attempts claimed per store transaction, and the most in flight at once.</summary>
    [Range(1, 100_000)]
    public int MaxInFlight { get; set; } = 1000;

    /// <summary>
    /// How long a claim's lease lasts (docs/semantics.md, "Leases"). The node renews the leases it holds (armed, in
    /// flight, awaiting their record) a third of the way through, so this bounds how long a dead node's attempts wait
    /// before another node takes them over, not how long an attempt may take.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:03", "01:00:00", ErrorMessage = "Belfry:Dispatch:LeaseDuration must be between 3 seconds and 1 hour.")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How far ahead a job's next time is planned and claimed (docs/semantics.md, "Arming ahead"): the store work is
    /// done before the time comes, and at the time only the request is sent. Zero plans each time when it is due.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ErrorMessage = "Belfry:Dispatch:Lookahead must be between 0 and 1 minute.")]
    public TimeSpan Lookahead { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest the loop sleeps without looking at the store (covers clock jumps).</summary>
    public TimeSpan MaxIdle { get; set; } = TimeSpan.FromSeconds(30);
}
