namespace Belfry.LoadBench.Peers;

/// <summary>One scheduler under test, hosted in this (child) process, delivering to the sink.</summary>
internal interface IPeer
{
    /// <summary>Starts the scheduler with an empty store.</summary>
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Registers one job per id: firing every second when <paramref name="at"/> is null, otherwise once, at that
    /// whole UTC second (a cron naming that second, minute, hour, day and month). Each fire POSTs to the sink.
    /// </summary>
    Task AddJobsAsync(IReadOnlyList<string> jobIds, DateTimeOffset? at, CancellationToken cancellationToken);

    /// <summary>
    /// Ends the workload before the child measures itself: stops the system's processes other than this one (the
    /// further nodes of a cluster) and returns their CPU seconds, which belong in the system's figure.
    /// </summary>
    Task<double> FinishAsync() => Task.FromResult(0.0);

    /// <summary>Remarks for the report, read once the workload is over (e.g. the CPU time of a server outside this process).</summary>
    IEnumerable<string> Notes() => [];
}
