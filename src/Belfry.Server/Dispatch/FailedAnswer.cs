using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Belfry.Core.Executions;

namespace Belfry.Server.Dispatch;

/// <summary>
/// What a failed answer leaves (issue 15, point 1; docs/semantics.md, "Response excerpts"): the excerpt stored with the
/// attempt, and the status message that reads like Cloud Scheduler's log, <c>HTTP 500: boom: simulated failure</c>: the
/// status, then the one-line start of the body (a JSON body's <c>error</c>, <c>message</c> or <c>detail</c> when it has
/// one), or <c>binary body, N bytes</c>. Text is UTF-8 with a text content type (or none); anything else is binary.
/// </summary>
internal static class FailedAnswer
{
    /// <summary>The status message's summary of the body is cut to this many characters.</summary>
    public const int MaxSummaryLength = 200;

    private const int MaxContentTypeLength = 200;

    public static (ResponseExcerpt? Excerpt, string Message) Describe(
        int statusCode, MediaTypeHeaderValue? contentType, FailedBody body, string? token, IReadOnlyList<KeyValuePair<string, string>> jobHeaders)
    {
        ArgumentNullException.ThrowIfNull(body);
        var status = $"HTTP {statusCode.ToString(CultureInfo.InvariantCulture)}";
        var type = contentType?.ToString() is { } given ? Cut(given, MaxContentTypeLength) : null;
        if (body.Head.Length == 0)
        {
            return (type is null ? null : new ResponseExcerpt(null, type), status);
        }

        if (!IsText(contentType?.MediaType) || Decode(body.Head, body.Complete) is not { } decoded)
        {
            var size = body.Length is { } length ? $"{length} bytes" : $"at least {body.Seen} bytes";
            return (new ResponseExcerpt(null, type), $"{status}: binary body, {size}");
        }

        // Checked in time or not kept at all: a text that might still hold a credential is never stored.
        if (ExcerptRedaction.Redact(decoded, token, jobHeaders) is not { } text)
        {
            return (new ResponseExcerpt(null, type), $"{status}: body withheld");
        }

        var summary = OneLine(JsonMessage(text) ?? text);
        return (new ResponseExcerpt(text, type), summary.Length == 0 ? status : $"{status}: {summary}");
    }

    /// <summary>Text media types, and none at all (many error pages send no Content-Type).</summary>
    public static bool IsText(string? mediaType) =>
        mediaType is null ||
        mediaType.StartsWith("text/", StringComparison.OrdinalIgnoreCase) ||
        mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase) ||
        mediaType.EndsWith("+xml", StringComparison.OrdinalIgnoreCase) ||
        mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) ||
        mediaType.Equals("application/xml", StringComparison.OrdinalIgnoreCase) ||
        mediaType.Equals("application/javascript", StringComparison.OrdinalIgnoreCase) ||
        mediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) ||
        mediaType.Equals("application/yaml", StringComparison.OrdinalIgnoreCase) ||
        mediaType.Equals("application/x-yaml", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The bytes as UTF-8, cut at the last whole character when the body goes on; null when they are not UTF-8 text
    /// (an invalid sequence, or a NUL).
    /// </summary>
    public static string? Decode(ReadOnlySpan<byte> head, bool complete)
    {
        if (head.Contains((byte)0))
        {
            return null;
        }

        var chars = new char[head.Length];
        var result = Utf8.ToUtf16(head, chars, out _, out var written, replaceInvalidSequences: false, isFinalBlock: complete);
        return result is OperationStatus.Done or OperationStatus.NeedMoreData ? new string(chars, 0, written) : null;
    }

    /// <summary>One line: whitespace and control characters become single spaces, trimmed, cut to <see cref="MaxSummaryLength"/>.</summary>
    public static string OneLine(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var line = new StringBuilder(Math.Min(text.Length, MaxSummaryLength + 1));
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                space = line.Length > 0;
                continue;
            }

            if (space)
            {
                line.Append(' ');
                space = false;
            }

            line.Append(c);
            if (line.Length > MaxSummaryLength)
            {
                break;
            }
        }

        return Cut(line.ToString(), MaxSummaryLength);
    }

    /// <summary>A JSON object's message: its <c>error</c> (a string, or an object's <c>message</c>), <c>message</c>, <c>detail</c> or <c>title</c>.</summary>
    private static string? JsonMessage(string text)
    {
        if (!text.TrimStart().StartsWith('{'))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.TryGetProperty("error", out var error))
            {
                if (error.ValueKind == JsonValueKind.String)
                {
                    return error.GetString();
                }

                if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var nested) && nested.ValueKind == JsonValueKind.String)
                {
                    return nested.GetString();
                }
            }

            foreach (var name in (ReadOnlySpan<string>)["message", "detail", "title"])
            {
                if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    return value.GetString();
                }
            }
        }
        catch (JsonException)
        {
            // Cut at 4 kB, or not JSON after all: the text itself is the message.
        }

        return null;
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
