using System.Data.Common;

namespace Belfry.Storage.Sqlite;

/// <summary>
/// How values are stored: instants as INTEGER UTC ticks (exact, ordered, offset dropped), durations as INTEGER ticks.
/// Everything read back is an offset-zero <see cref="DateTimeOffset"/>. The shared rows get the instant encoding
/// through <see cref="SqliteDialect"/>; the prepared statements (<see cref="SqliteStatement"/>) bind ticks directly.
/// </summary>
internal static class SqliteValues
{
    public static long Instant(DateTimeOffset value) => value.UtcTicks;

    public static object Instant(DateTimeOffset? value) => value is { } instant ? instant.UtcTicks : DBNull.Value;

    public static DateTimeOffset ReadInstant(DbDataReader reader, int ordinal) => new(reader.GetInt64(ordinal), TimeSpan.Zero);

    public static DateTimeOffset? ReadNullableInstant(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : ReadInstant(reader, ordinal);

    /// <summary>A list of keys as one JSON array parameter, read in SQL with <c>json_each</c>.</summary>
    public static string JsonArray(IEnumerable<string> values) => NotifyJson.WriteStrings(values);
}
