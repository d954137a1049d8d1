using System.Data;
using System.Data.Common;

namespace Belfry.Storage.Sql;

/// <summary>
/// Values every dialect stores alike: durations as 64-bit ticks, nullable numbers and text. Typed getters only, never
/// <see cref="DbDataReader.GetValue"/>, so reading a row boxes nothing. Instants differ: <see cref="SqlDialect"/>.
/// </summary>
internal static class SqlValues
{
    public static TimeSpan ReadDuration(DbDataReader reader, int ordinal) => TimeSpan.FromTicks(reader.GetInt64(ordinal));

    public static int? ReadNullableInt32(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);

    /// <summary>A <c>count(*)</c>: 64-bit on PostgreSQL (bigint), so read wide and narrowed here.</summary>
    public static int ReadCount(DbDataReader reader, int ordinal) => checked((int)reader.GetInt64(ordinal));

    public static string? ReadNullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>Adds a named parameter, mapping null to SQL NULL; returns the command, typed as it was, for chaining.</summary>
    public static TCommand With<TCommand>(this TCommand command, string name, object? value)
        where TCommand : DbCommand
    {
        ArgumentNullException.ThrowIfNull(command);
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }

    /// <summary>
    /// Adds a text parameter, typed as text even when null: PostgreSQL cannot tell the type of an untyped NULL in a
    /// test like <c>@p IS NULL OR id &lt; @p</c>.
    /// </summary>
    public static TCommand With<TCommand>(this TCommand command, string name, string? value)
        where TCommand : DbCommand
    {
        command.With(name, (object?)value).Parameters[name].DbType = DbType.String;
        return command;
    }
}
