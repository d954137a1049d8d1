namespace Belfry.Storage.Sql;

/// <summary>One embedded <c>db/{dialect}/NNNN_name.sql</c> file (<see cref="EmbeddedMigrations"/>).</summary>
internal sealed record Migration(int Version, string Name, string Sql);
