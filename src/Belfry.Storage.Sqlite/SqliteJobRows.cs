using System.Data.Common;
using Belfry.Core.Jobs;
using Microsoft.Data.Sqlite;

namespace Belfry.Storage.Sqlite;

/// <summary>
/// The shared <see cref="JobRows"/> (<c>Belfry.Storage.Sql</c>) with <see cref="SqliteDialect"/> filled in, so the
/// store's calls read as before the rows moved. Issue 11's stores per aggregate hold a dialect and pass it themselves;
/// these forwarders go with the last caller.
/// </summary>
internal static class SqliteJobRows
{
    extension(JobRows)
    {
        public static Job Read(DbDataReader reader, int first) => JobRows.Read(reader, first, SqliteDialect.Instance);

        public static Job ReadOnto(DbDataReader reader, Job definition) => JobRows.ReadOnto(reader, definition, SqliteDialect.Instance);
    }

    extension(SqliteCommand command)
    {
        public SqliteCommand BindJob(Job job) => command.BindJob(job, SqliteDialect.Instance);
    }
}
