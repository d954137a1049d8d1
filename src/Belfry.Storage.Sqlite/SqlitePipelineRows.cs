using System.Data.Common;
using Belfry.Core.Pipelines;
using Microsoft.Data.Sqlite;

namespace Belfry.Storage.Sqlite;

/// <summary>
/// The shared <see cref="PipelineRows"/> (<c>Belfry.Storage.Sql</c>) with <see cref="SqliteDialect"/> filled in, so the
/// store's calls read as before the rows moved. Issue 11's stores per aggregate hold a dialect and pass it themselves;
/// these forwarders go with the last caller.
/// </summary>
internal static class SqlitePipelineRows
{
    extension(PipelineRows)
    {
        public static Pipeline Read(DbDataReader reader, int first, Func<PipelineName, StepNode, PipelineStep> steps) =>
            PipelineRows.Read(reader, first, SqliteDialect.Instance, steps);
    }

    extension(SqliteCommand command)
    {
        public SqliteCommand BindPipeline(Pipeline pipeline) => command.BindPipeline(pipeline, SqliteDialect.Instance);
    }
}
