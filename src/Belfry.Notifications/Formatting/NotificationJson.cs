using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Belfry.Notifications.Formatting;

/// <summary>
/// Shared JSON helpers for the formatters: UTF-8 bytes without needless escaping, ISO 8601 UTC timestamps, and text
/// cut to a channel's limits.
/// </summary>
internal static class NotificationJson
{
    // A detail block gets at least this much room, or is left out: "HTTP 5…" in a block helps nobody.
    private const int MinDetail = 40;
    private const string Open = "\n```\n";
    private const string Close = "\n```";

    // Bodies go to HTTP APIs, never into HTML, so keep non-ASCII text (job names, error messages) readable.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] ToUtf8(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            node.WriteTo(writer);
        }

        return buffer.ToArray();
    }

    /// <summary>ISO 8601 in UTC with milliseconds and <c>Z</c>: <c>2027-01-01T21:01:10.000Z</c> (Discord's embed timestamp).</summary>
    public static string Timestamp(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Cuts <paramref name="text"/> to <paramref name="max"/> characters, ending with an ellipsis when cut.</summary>
    public static string Truncate(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
    }

    /// <summary>
    /// <paramref name="text"/>, then <paramref name="detail"/> in a <c>```</c> block, in at most <paramref name="max"/>
    /// characters once <paramref name="escape"/>d (Slack's mrkdwn): the detail is cut, with an ellipsis, so the block
    /// stays closed; a detail without room left is left out. A <c>```</c> inside the detail becomes <c>'''</c>.
    /// </summary>
    public static string WithDetail(string text, string? detail, int max, Func<string, string>? escape = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        escape ??= static s => s;
        var head = escape(text);
        var budget = max - head.Length - Open.Length - Close.Length;
        if (detail is null || budget < MinDetail)
        {
            return Truncate(head, max);
        }

        var raw = detail.Replace("```", "'''", StringComparison.Ordinal);
        var body = escape(Truncate(raw, budget));
        if (body.Length > budget)
        {
            // Escaping lengthens the text (& becomes &amp;): the longest cut of the raw text that fits once escaped.
            var (fits, tooLong) = (1, budget);
            while (tooLong - fits > 1)
            {
                var middle = fits + ((tooLong - fits) / 2);
                (fits, tooLong) = escape(Truncate(raw, middle)).Length <= budget ? (middle, tooLong) : (fits, middle);
            }

            body = escape(Truncate(raw, fits));
        }

        return string.Concat(head, Open, body, Close);
    }
}
