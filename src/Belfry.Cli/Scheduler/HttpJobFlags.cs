using Belfry.Contracts.Jobs;

namespace Belfry.Cli.Scheduler;

/// <summary>
/// The flags of <c>jobs create http</c> and <c>jobs update http</c>, parsed and typed; null or false means "not
/// given". The message body is already bytes (from <c>--message-body</c> as UTF-8, or a file).
/// </summary>
internal sealed record HttpJobFlags
{
    public string? Schedule { get; init; }

    public string? Uri { get; init; }

    public HttpMethodWire? HttpMethod { get; init; }

    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    public byte[]? MessageBody { get; init; }

    public string? TimeZone { get; init; }

    public string? Description { get; init; }

    public TimeSpan? AttemptDeadline { get; init; }

    public int? MaxRetryAttempts { get; init; }

    public TimeSpan? MaxRetryDuration { get; init; }

    public TimeSpan? MinBackoff { get; init; }

    public TimeSpan? MaxBackoff { get; init; }

    public int? MaxDoublings { get; init; }

    public string? OidcServiceAccountEmail { get; init; }

    public string? OidcTokenAudience { get; init; }

    public IReadOnlyList<string>? NotifyOnFailure { get; init; }

    public IReadOnlyList<string>? NotifyOnRecovery { get; init; }

    public IReadOnlyList<string>? NotifyOnSuccess { get; init; }

    public TimeSpan? MissedRunDeadline { get; init; }

    // Update only.
    public IReadOnlyDictionary<string, string>? UpdateHeaders { get; init; }

    public IReadOnlyList<string>? RemoveHeaders { get; init; }

    public bool ClearHeaders { get; init; }

    public bool ClearMessageBody { get; init; }

    public bool ClearTimeZone { get; init; }

    public bool ClearRetryAttempts { get; init; }

    public bool ClearMaxRetryDuration { get; init; }

    public bool ClearMinBackoff { get; init; }

    public bool ClearMaxBackoff { get; init; }

    public bool ClearMaxDoublings { get; init; }

    public bool ClearAuthToken { get; init; }

    public bool ClearNotifyOnFailure { get; init; }

    public bool ClearNotifyOnRecovery { get; init; }

    public bool ClearNotifyOnSuccess { get; init; }

    public bool ClearMissedRunDeadline { get; init; }

    /// <summary>True when the update merges into the job's current headers, which must be read first.</summary>
    public bool NeedsCurrentHeaders => UpdateHeaders is not null || RemoveHeaders is not null;
}
