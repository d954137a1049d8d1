using System.Data.Common;
using Belfry.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Belfry.Storage.Postgres.Tests;

/// <summary>
/// db/postgres gives the schema db/sqlite gives: the same tables, columns in the same order with the same nullability,
/// the same foreign keys, and the same indexes (unique or not, partial or not), read from each engine's catalog.
/// PostgreSQL's one addition is the outbox's insert order, SQLite's rowid.
/// </summary>
public sealed class PostgresSchemaTests(PostgresStoreDatabase database) : IClassFixture<PostgresStoreDatabase>, IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("belfry-schema-").FullName;
    private SqliteConnection _sqlite = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _sqlite = new SqliteConnection($"Data Source={Path.Combine(_directory, "schema.db")};Pooling=False");
        await _sqlite.OpenAsync(Ct);
        await SqliteMigrator.MigrateAsync(_sqlite, DateTimeOffset.UnixEpoch, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _sqlite.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Columns_BothEngines_SameTablesColumnsAndNullability()
    {
        var sqlite = await ReadAsync(_sqlite, """
            SELECT m.name || '.' || c.name || CASE WHEN c."notnull" = 1 OR c.pk > 0 THEN ' NOT NULL' ELSE '' END
            FROM sqlite_master m JOIN pragma_table_info(m.name) c
            WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
            ORDER BY m.name, c.cid
            """);

        var postgres = await ReadPostgresAsync("""
            SELECT table_name || '.' || column_name || CASE WHEN is_nullable = 'NO' THEN ' NOT NULL' ELSE '' END
            FROM information_schema.columns WHERE table_schema = 'public'
            ORDER BY table_name COLLATE "C", ordinal_position
            """);

        Assert.True(sqlite.Count > 100, $"only {sqlite.Count} SQLite columns read");
        Assert.Equal(sqlite, postgres.Where(column => column != "notification_outbox.insert_order NOT NULL"));
        Assert.Contains("notification_outbox.insert_order NOT NULL", postgres);
    }

    [Fact]
    public async Task ForeignKeys_BothEngines_Same()
    {
        var sqlite = await ReadAsync(_sqlite, """
            SELECT m.name || '.' || f."from" || ' -> ' || f."table" || '.' || coalesce(f."to", '') || ' ' || f.on_delete
            FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f
            WHERE m.type = 'table'
            """);

        var postgres = await ReadPostgresAsync("""
            SELECT c.conrelid::regclass || '.' || a.attname || ' -> ' || c.confrelid::regclass || '.' || r.attname || ' '
                   || CASE c.confdeltype WHEN 'c' THEN 'CASCADE' ELSE 'NO ACTION' END
            FROM pg_constraint c
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
            JOIN pg_attribute r ON r.attrelid = c.confrelid AND r.attnum = c.confkey[1]
            WHERE c.contype = 'f'
            """);

        Assert.NotEmpty(sqlite);
        Assert.Equal(sqlite.Order(StringComparer.Ordinal), postgres.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Indexes_BothEngines_SameNamesUniquenessAndPartiality()
    {
        var sqlite = await ReadAsync(_sqlite, """
            SELECT i.name || CASE WHEN i."unique" = 1 THEN ' unique' ELSE '' END || CASE WHEN i.partial = 1 THEN ' partial' ELSE '' END
            FROM sqlite_master m JOIN pragma_index_list(m.name) i
            WHERE m.type = 'table' AND i.origin = 'c'
            """);

        var postgres = await ReadPostgresAsync("""
            SELECT c.relname || CASE WHEN i.indisunique THEN ' unique' ELSE '' END || CASE WHEN i.indpred IS NOT NULL THEN ' partial' ELSE '' END
            FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND NOT i.indisprimary
            """);

        Assert.True(sqlite.Count > 15, $"only {sqlite.Count} SQLite indexes read");
        Assert.Equal(sqlite.Order(StringComparer.Ordinal), postgres.Order(StringComparer.Ordinal));
    }

    private async Task<List<string>> ReadPostgresAsync(string sql)
    {
        await using var connection = await database.OpenAsync(Ct);
        return await ReadAsync(connection, sql);
    }

    private static async Task<List<string>> ReadAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
