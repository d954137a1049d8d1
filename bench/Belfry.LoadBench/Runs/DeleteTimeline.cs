namespace Belfry.LoadBench.Runs;

/// <summary>
/// What the delete workload's child did and saw (<see cref="DeleteRunner"/>); instants are UTC ticks. The parent puts
/// the sink's deliveries against it (<see cref="Reporting.DeleteAnalyzer"/>).
/// </summary>
internal sealed class DeleteTimeline
{
    /// <summary>The deleted job's finished executions (one attempt each), written before the server started again.</summary>
    public long Executions { get; set; }

    public double InsertSeconds { get; set; }

    public double RetentionIntervalSeconds { get; set; }

    public int RetentionBatchSize { get; set; }

    public long DeleteCallStartTicks { get; set; }

    public double DeleteCallMs { get; set; }

    /// <summary>The HTTP status of a GET of the job right after the delete answered (404: gone at once).</summary>
    public int GetAfterDeleteStatus { get; set; }

    /// <summary>When the child first saw fewer of the job's executions (polled once a second); null when it never did.</summary>
    public long? FirstBatchSeenTicks { get; set; }

    /// <summary>When the child first saw none of them and no grave left; null when the limit passed first.</summary>
    public long? HistoryGoneTicks { get; set; }

    /// <summary>The job's executions left at the end (0 unless the limit passed).</summary>
    public long HistoryLeft { get; set; }
}
