using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Belfry.Notifications.Formatting;

/// <summary>Shared JSON helpers for the formatters: UTF-8 bytes without needless escaping, ISO 8601 UTC timestamps.</summary>
internal static class NotificationJson
{
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
}
