using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Belfry.Notifications.Delivery;

/// <summary>
/// How long a receiver asked us to wait: Discord's JSON <c>retry_after</c> (seconds, may be fractional, in the 429
/// body) wins over the <c>Retry-After</c> header (delta-seconds or an HTTP date). Negative or absurd values are ignored.
/// </summary>
internal static class RetryAfter
{
    private static readonly TimeSpan Longest = TimeSpan.FromDays(1);

    public static TimeSpan? From(HttpResponseHeaders headers, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return FromJsonBody(body) ?? FromHeader(headers.RetryAfter, now);
    }

    /// <summary><c>{"retry_after": 1.5, "global": false, …}</c> → 1.5 s; anything else → null.</summary>
    public static TimeSpan? FromJsonBody(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            return document.RootElement.ValueKind == JsonValueKind.Object &&
                   document.RootElement.TryGetProperty("retry_after", out var value) &&
                   value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var seconds)
                ? Bounded(seconds)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static TimeSpan? FromHeader(RetryConditionHeaderValue? header, DateTimeOffset now) => header switch
    {
        { Delta: { } delta } => Bounded(delta.TotalSeconds),
        { Date: { } date } => Bounded((date - now).TotalSeconds),
        _ => null,
    };

    /// <summary>Parses a raw <c>Retry-After</c> value (for callers without a typed header).</summary>
    public static TimeSpan? FromHeader(string? value, DateTimeOffset now) =>
        value is not null && RetryConditionHeaderValue.TryParse(value, out var parsed) ? FromHeader(parsed, now) :
        value is not null && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) ? Bounded(seconds) : null;

    private static TimeSpan? Bounded(double seconds) =>
        double.IsFinite(seconds) && seconds >= 0 ? TimeSpan.FromSeconds(Math.Min(seconds, Longest.TotalSeconds)) : null;
}
