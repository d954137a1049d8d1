namespace Belfry.LoadBench.Runs;

/// <summary>
/// One kind of soak job: its target on the sink (<see cref="Sink.SoakTargets"/>), how often it fires (a seconds cron,
/// <c>*/Period</c>, so its times are the Unix seconds divisible by the period), how many there are, its retries, and
/// whether its final failures go to the webhook channel.
/// </summary>
internal sealed record SoakKind(string Name, string Target, int PeriodSeconds, int Count, int RetryCount, bool NotifyOnFailure)
{
    /// <summary>
    /// The jobs that traffic leaves alone (so every due time of theirs must have an execution), then the churn jobs:
    /// fast and failing ones that are paused, resumed, updated (target and description), deleted and created again.
    /// About 15 executions a second in all; a hanging attempt holds a send slot for its 15 s deadline.
    /// </summary>
    public static IReadOnlyList<SoakKind> Control { get; } =
    [
        new("fast", "fast", 5, 40, 0, false),
        new("slow", "slow", 10, 10, 0, false),
        new("failing", "failing", 15, 10, 2, false),
        new("redirect", "redirect", 10, 10, 0, false),
        new("hang", "hang", 30, 4, 0, true),
    ];

    public static SoakKind Churn { get; } = new("churn", "fast", 5, 20, 2, true);

    /// <summary>The targets an update moves a churn job between.</summary>
    public static IReadOnlyList<string> ChurnTargets { get; } = ["fast", "failing", "redirect"];

    public string JobId(int index) => $"{Name}-{index:D3}";
}
