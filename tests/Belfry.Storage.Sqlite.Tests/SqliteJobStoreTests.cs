using Belfry.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Belfry.Storage.Sqlite.Tests;

/// <summary>What is SQLite's own: the file, WAL, the connection settings, migrations and the lock file.</summary>
public sealed class SqliteJobStoreTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2030, 1, 15, 12, 0, 0, TimeSpan.Zero);

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("belfry-sqlite-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string DatabasePath => Path.Combine(_dataDirectory, "belfry.db");

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    [Fact]
    public async Task Open_EmptyDirectory_CreatesDatabaseInWalModeAndLockFile()
    {
        await using var store = await SqliteStores.OpenAsync(_dataDirectory, new FakeTimeProvider(T0), Ct);

        Assert.True(File.Exists(DatabasePath));
        Assert.True(File.Exists(Path.Combine(_dataDirectory, "belfry.lock")));
        Assert.Equal("wal", await QueryAsync<string>("PRAGMA journal_mode"));
    }

    [Fact]
    public async Task Open_TwiceInARow_AppliesEachMigrationOnceAndRecordsIt()
    {
        await using (await SqliteStores.OpenAsync(_dataDirectory, new FakeTimeProvider(T0), Ct))
        {
        }

        await using (await SqliteStores.OpenAsync(_dataDirectory, new FakeTimeProvider(T0.AddDays(1)), Ct))
        {
        }

        var recorded = new List<(long Version, string Name, long AppliedAt)>();
        await using var connection = await OpenRawAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, name, applied_at FROM schema_migrations ORDER BY version";
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            recorded.Add((reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2)));
        }

        Assert.NotEmpty(SqliteMigrator.All);
        Assert.Equal(SqliteMigrator.All.Select(m => ((long)m.Version, m.Name)), recorded.Select(r => (r.Version, r.Name)));
        Assert.Equal((1L, "initial"), (recorded[0].Version, recorded[0].Name));
        Assert.All(recorded, r => Assert.Equal(T0.UtcTicks, r.AppliedAt));
    }

    [Fact]
    public async Task Open_NewStore_DatabaseFilesAreOwnerOnly()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        await using var store = await SqliteStores.OpenAsync(_dataDirectory, new FakeTimeProvider(T0), Ct);
        await store.Keys.AddSigningKeyIfNoneAsync(new Core.Storage.SigningKey("k", new byte[] { 1, 2, 3 }, T0, null), Ct);

        var files = new[] { DatabasePath, DatabasePath + "-wal", DatabasePath + "-shm" };
        Assert.All(files, f => Assert.True(File.Exists(f), $"{f} is missing"));
        if (!OperatingSystem.IsWindows())
        {
            foreach (var file in files)
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            }
        }
    }

    [Fact]
    public async Task Open_ExistingWorldReadableFiles_AreTightenedToOwnerOnly()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        await using (await SqliteStores.OpenAsync(_dataDirectory, new FakeTimeProvider(T0), Ct))
        {
        }

        if (!OperatingSystem.IsWindows())
        {
            const UnixFileMode WorldReadable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
            File.SetUnixFileMode(DatabasePath, WorldReadable);

            await using var store = await SqliteStores.OpenAsync(_dataDirectory, new FakeTimeProvider(T0), Ct);

            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(DatabasePath));
        }
    }

    [Fact]
    public async Task SigningKeys_Reopen_SameKeysBack()
    {
        var key = new Core.Storage.SigningKey("kid-persisted", new byte[] { 9, 8, 7 }, T0, null);
        await using (var store = await SqliteStores.OpenAsync(_dataDirectory, new FakeTimeProvider(T0), Ct))
        {
            await store.Keys.AddSigningKeyIfNoneAsync(key, Ct);
        }

        await using var reopened = await SqliteStores.OpenAsync(_dataDirectory, new FakeTimeProvider(T0), Ct);
        var stored = Assert.Single(await reopened.Keys.ListSigningKeysAsync(Ct));

        Assert.Equal("kid-persisted", stored.Id);
        Assert.Equal([9, 8, 7], stored.PrivateKeyPkcs8.ToArray());
    }

    [Fact]
    public async Task SigningKeys_SecondCurrentKeyInserted_RefusedByTheUniqueIndex()
    {
        await using (var store = await SqliteStores.OpenAsync(_dataDirectory, new FakeTimeProvider(T0), Ct))
        {
            await store.Keys.AddSigningKeyIfNoneAsync(new Core.Storage.SigningKey("one", new byte[] { 1 }, T0, null), Ct);
        }

        await using var connection = await OpenRawAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO signing_keys (kid, private_key, create_time, retire_time) VALUES ('two', x'01', 0, NULL)";

        var e = await Assert.ThrowsAsync<SqliteException>(() => command.ExecuteNonQueryAsync(Ct));
        Assert.Contains("UNIQUE", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Migrations_EmbeddedFiles_AreNumberedFromOneWithoutGaps()
    {
        Assert.Equal(Enumerable.Range(1, SqliteMigrator.All.Count), SqliteMigrator.All.Select(m => m.Version));
        Assert.All(SqliteMigrator.All, m => Assert.False(string.IsNullOrWhiteSpace(m.Sql)));
    }

    [Fact]
    public async Task Open_DatabaseFromANewerBelfry_RefusesToRun()
    {
        await using (await SqliteStores.OpenAsync(_dataDirectory, new FakeTimeProvider(T0), Ct))
        {
        }

        await ExecuteAsync("INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'from_the_future', 0)");

        var ex = await Assert.ThrowsAsync<StoreUnavailableException>(
            () => SqliteStores.OpenAsync(_dataDirectory, new FakeTimeProvider(T0), Ct));
        Assert.Contains("9999", ex.Message, StringComparison.Ordinal);

        // The failed open let go of the directory: a second try fails the same way, not with the lock.
        await Assert.ThrowsAsync<StoreUnavailableException>(() => SqliteStores.OpenAsync(_dataDirectory, new FakeTimeProvider(T0), Ct));
    }

    [Fact]
    public async Task OpenConnection_EverySession_UsesForeignKeysBusyTimeoutAndSynchronousNormal()
    {
        await using var store = await SqliteStores.OpenAsync(_dataDirectory, new FakeTimeProvider(T0), Ct);

        // These pragmas are per connection: read them on one the store opened.
        await using var connection = await store.Database.OpenConnectionAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM pragma_foreign_keys, pragma_busy_timeout, pragma_synchronous";
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));

        Assert.Equal((1L, 2000L, 1L /* NORMAL */), (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)));
    }

    private async Task<SqliteConnection> OpenRawAsync()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        await connection.OpenAsync(Ct);
        return connection;
    }

    private async Task<T> QueryAsync<T>(string sql)
    {
        await using var connection = await OpenRawAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)(await command.ExecuteScalarAsync(Ct))!;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenRawAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }
}
