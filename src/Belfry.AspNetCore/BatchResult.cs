namespace Belfry.AspNetCore;

/// <summary>
/// What a batch handler returns: success with a row count (recorded as the ledger's <c>row_count</c>), or a failure
/// message (recorded as <c>error_msg</c> and answered with 500 so the scheduler retries). Throwing from the handler is
/// the same as <see cref="Failed(string)"/> with the exception's message.
/// </summary>
public sealed class BatchResult
{
    private static readonly BatchResult OkResult = new(0, null);

    private BatchResult(long rowCount, string? error)
    {
        RowCount = rowCount;
        Error = error;
    }

    /// <summary>The number of rows the run processed; 0 for <see cref="Ok"/> and for failures.</summary>
    public long RowCount { get; }

    /// <summary>The failure message, or <see langword="null"/> when the run succeeded.</summary>
    public string? Error { get; }

    /// <summary>Whether the run succeeded.</summary>
    public bool IsSuccess => Error is null;

    /// <summary>A successful run that processed <paramref name="count"/> rows.</summary>
    /// <param name="count">The row count to record; not negative.</param>
    /// <returns>The result.</returns>
    public static BatchResult Rows(long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return new BatchResult(count, null);
    }

    /// <summary>A successful run with nothing to count (records 0 rows).</summary>
    /// <returns>The result.</returns>
    public static BatchResult Ok() => OkResult;

    /// <summary>
    /// A failed run: the ledger row becomes <c>failed</c> with <paramref name="message"/>, the answer is 500, and the
    /// next attempt runs again.
    /// </summary>
    /// <param name="message">What went wrong, without secrets: it is stored and sent back to the scheduler.</param>
    /// <returns>The result.</returns>
    public static BatchResult Failed(string message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        return new BatchResult(0, message);
    }
}
