using System.Data.Common;
using Belfry.Core.Alerts;
using Microsoft.Data.Sqlite;

namespace Belfry.Storage.Sqlite;

/// <summary>
/// The shared <see cref="AlertPolicyRows"/> (<c>Belfry.Storage.Sql</c>) with <see cref="SqliteDialect"/> filled in, so the
/// store's calls read as before the rows moved. Issue 11's stores per aggregate hold a dialect and pass it themselves;
/// these forwarders go with the last caller.
/// </summary>
internal static class SqliteAlertPolicyRows
{
    extension(AlertPolicyRows)
    {
        public static AlertPolicy Read(DbDataReader reader) => AlertPolicyRows.Read(reader, SqliteDialect.Instance);
    }

    extension(SqliteCommand command)
    {
        public SqliteCommand BindPolicy(AlertPolicy policy) => command.BindPolicy(policy, SqliteDialect.Instance);
    }
}
