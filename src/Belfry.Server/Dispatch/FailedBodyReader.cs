using System.Buffers;

namespace Belfry.Server.Dispatch;

/// <summary>
/// Reads a failed answer's body with a hard cap (issue 15, point 1): the first <see cref="MaxExcerptBytes"/> are kept,
/// the rest is only drained, as <see cref="AttemptSender"/> drains any answer, up to its cap so the pooled connection can
/// be reused. A body that is still coming when the attempt's deadline passes is not waited for: what arrived is kept and
/// the answer's status stands (the target did answer). Successes never come here: their bodies are drained unread.
/// </summary>
internal static class FailedBodyReader
{
    public const int MaxExcerptBytes = 4096;

    /// <param name="response">The failed answer.</param>
    /// <param name="maxDrainedBytes">How much of the body is read at most, kept or not.</param>
    /// <param name="deadline">The attempt's token: fires at its deadline (or when the server stops).</param>
    /// <param name="stopping">The server's token: a stop is rethrown, not taken as the end of the body.</param>
    public static async Task<FailedBody> ReadAsync(HttpResponseMessage response, int maxDrainedBytes, CancellationToken deadline, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(response);
        var head = new byte[MaxExcerptBytes];
        var kept = 0;
        long seen = 0;
        var ended = false;
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(deadline).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                int read;
                while (kept < head.Length && (read = await stream.ReadAsync(head.AsMemory(kept), deadline).ConfigureAwait(false)) > 0)
                {
                    kept += read;
                }

                seen = kept;
                ended = kept < head.Length;
                if (!ended)
                {
                    var buffer = ArrayPool<byte>.Shared.Rent(8192);
                    try
                    {
                        while (seen < maxDrainedBytes && (read = await stream.ReadAsync(buffer, deadline).ConfigureAwait(false)) > 0)
                        {
                            seen += read;
                        }

                        ended = seen < maxDrainedBytes;
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            // The deadline passed while the body was still coming: keep what arrived.
            seen = Math.Max(seen, kept);
            ended = false;
        }

        var length = response.Content.Headers.ContentLength ?? (ended ? seen : null);
        return new FailedBody(head.AsSpan(0, kept).ToArray(), ended && seen == kept, length, seen);
    }
}
