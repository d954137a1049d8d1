using System.Data.Common;

namespace Belfry.Storage.Sqlite;

/// <summary>
/// How values are stored: instants as INTEGER UTC ticks (exact, ordered, offset dropped), durations as INTEGER ticks.
/// Everything read back is an offset-zero <see cref="DateTimeOffset"/>. The stores get the instant encoding through
/// <see cref="SqliteDialect"/> and <see cref="SqliteStatement"/>.
/// </summary>
internal static class SqliteValues
{
    public static long Instant(DateTimeOffset value) => value.UtcTicks;

    public static DateTimeOffset ReadInstant(DbDataReader reader, int ordinal) => new(reader.GetInt64(ordinal), TimeSpan.Zero);

    /// <summary>A list of keys as one JSON array parameter, read in SQL with <c>json_each</c>.</summary>
    public static string JsonArray(IEnumerable<string> values) => NotifyJson.WriteStrings(values);
}
