namespace Belfry.Storage.Sqlite;

/// <summary>One embedded <c>db/sqlite/NNNN_name.sql</c> file.</summary>
internal sealed record Migration(int Version, string Name, string Sql);
