namespace Belfry.Contracts.Jobs;

/// <summary>Cloud Scheduler v1 <c>RetryConfig</c>; durations are strings such as <c>"10s"</c>.</summary>
public sealed class RetryConfigResource
{
    /// <summary>0 to 5; default 0.</summary>
    public int? RetryCount { get; set; }

    /// <summary>Default 0s: no time limit.</summary>
    public string? MaxRetryDuration { get; set; }

    /// <summary>Default 5s.</summary>
    public string? MinBackoffDuration { get; set; }

    /// <summary>Default 3600s.</summary>
    public string? MaxBackoffDuration { get; set; }

    /// <summary>Default 5.</summary>
    public int? MaxDoublings { get; set; }
}
