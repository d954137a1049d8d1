using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Belfry.Contracts.Serialization;

/// <summary>
/// Protobuf JSON timestamps: RFC 3339 in UTC with <c>Z</c>, fraction only when non-zero. Any offset is accepted
/// on input and normalised to UTC.
/// </summary>
public sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    /// <inheritdoc/>
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        if (text is null || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            throw new JsonException($"\"{text}\" is not an RFC 3339 timestamp.");
        }

        return value.ToUniversalTime();
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(Format(value));
    }

    /// <summary>Formats an instant as the wire does.</summary>
    public static string Format(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        var format = utc.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'";
        return utc.ToString(format, CultureInfo.InvariantCulture);
    }
}
