using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Belfry.Storage.Sqlite;

/// <summary>
/// How values are stored: instants as INTEGER UTC ticks (exact, ordered, offset dropped), durations as INTEGER ticks.
/// Everything read back is an offset-zero <see cref="DateTimeOffset"/>.
/// </summary>
internal static class SqliteValues
{
    public static long Instant(DateTimeOffset value) => value.UtcTicks;

    public static object Instant(DateTimeOffset? value) => value is { } instant ? instant.UtcTicks : DBNull.Value;

    public static DateTimeOffset ReadInstant(SqliteDataReader reader, int ordinal) => new(reader.GetInt64(ordinal), TimeSpan.Zero);

    public static DateTimeOffset? ReadNullableInstant(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : ReadInstant(reader, ordinal);

    public static TimeSpan ReadDuration(SqliteDataReader reader, int ordinal) => TimeSpan.FromTicks(reader.GetInt64(ordinal));

    public static int? ReadNullableInt32(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);

    public static string? ReadNullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>A list of keys as one JSON array parameter, read in SQL with <c>json_each</c>.</summary>
    public static string JsonArray(IEnumerable<string> values)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var value in values)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
