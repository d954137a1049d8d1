using System.Data.Common;
using Belfry.Core.Notifications;
using Microsoft.Data.Sqlite;

namespace Belfry.Storage.Sqlite;

/// <summary>
/// The shared <see cref="ChannelRows"/> (<c>Belfry.Storage.Sql</c>) with <see cref="SqliteDialect"/> filled in, so the
/// store's calls read as before the rows moved. Issue 11's stores per aggregate hold a dialect and pass it themselves;
/// these forwarders go with the last caller.
/// </summary>
internal static class SqliteChannelRows
{
    extension(ChannelRows)
    {
        public static Channel Read(DbDataReader reader) => ChannelRows.Read(reader, SqliteDialect.Instance);
    }

    extension(SqliteCommand command)
    {
        public SqliteCommand BindChannel(Channel channel) => command.BindChannel(channel, SqliteDialect.Instance);
    }
}
