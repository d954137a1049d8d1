using Belfry.Storage.Sql;
using Microsoft.Data.Sqlite;

namespace Belfry.Storage.Sqlite.Tests;

/// <summary>SQLite's side of the shared SQL layer, each fragment run by SQLite itself on a real file.</summary>
public sealed class SqliteDialectTests : IAsyncLifetime
{
    private static readonly SqlDialect Dialect = SqliteDialect.Instance;

    private readonly string _directory = Directory.CreateTempSubdirectory("belfry-dialect-").FullName;
    private SqliteConnection _connection = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _connection = new SqliteConnection($"Data Source={Path.Combine(_directory, "dialect.db")};Pooling=False");
        await _connection.OpenAsync(Ct);
        await ExecuteAsync("CREATE TABLE t (id TEXT PRIMARY KEY, at INTEGER)");
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Theory]
    [InlineData(13, "SQLITE_FULL")]
    [InlineData(5, "SQLITE_BUSY")]
    [InlineData(6, "SQLITE_BUSY")]
    [InlineData(10, "SQLITE_IOERR")]
    [InlineData(10 | (4 << 8), "SQLITE_IOERR")] // SQLITE_IOERR_SHORT_READ: an extended code names its primary one
    [InlineData(8, "SQLITE_READONLY")]
    [InlineData(19, null)] // SQLITE_CONSTRAINT: about one row
    [InlineData(20, null)] // SQLITE_MISMATCH
    public void Unavailable_SqliteErrorCode_WholeStoreFaultsNamedOthersNot(int code, string? named)
    {
        var reason = Dialect.Unavailable(new SqliteException("injected", code));

        Assert.Equal(named is not null, reason is not null);
        Assert.Contains(named ?? "", reason ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unavailable_RealLockHeldByAnotherConnection_IsSqliteBusy()
    {
        await using var holder = new SqliteConnection($"Data Source={Path.Combine(_directory, "dialect.db")};Pooling=False");
        await holder.OpenAsync(Ct);
        await using var hold = holder.BeginTransaction(deferred: false);
        await using var write = new SqliteConnection($"Data Source={Path.Combine(_directory, "dialect.db")};Pooling=False;Default Timeout=1");
        await write.OpenAsync(Ct);

        var busy = Assert.Throws<SqliteException>(() => write.BeginTransaction(deferred: false));

        Assert.Contains("SQLITE_BUSY", Dialect.Unavailable(busy), StringComparison.Ordinal);
        Assert.Null(Dialect.Unavailable(new InvalidOperationException("not SQLite's")));
    }

    [Fact]
    public async Task Instant_WithOffset_StoredAsUtcTicksAndReadBackAtOffsetZero()
    {
        var local = new DateTimeOffset(2027, 3, 14, 3, 0, 0, 123, TimeSpan.FromHours(-4)).AddTicks(4567);
        await using (var insert = Command("INSERT INTO t (id, at) VALUES ('a', @at)").With("@at", Dialect.Instant(local)))
        {
            await insert.ExecuteNonQueryAsync(Ct);
        }

        await using var select = Command("SELECT at, typeof(at) FROM t WHERE id = 'a'");
        await using var reader = await select.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        var read = Dialect.ReadInstant(reader, 0);

        Assert.Equal(local.UtcTicks, reader.GetInt64(0));
        Assert.Equal("integer", reader.GetString(1));
        Assert.Equal(local, read);
        Assert.Equal(TimeSpan.Zero, read.Offset);
    }

    [Fact]
    public async Task Instant_Null_IsSqlNullAndReadsAsNull()
    {
        await using (var insert = Command("INSERT INTO t (id, at) VALUES ('a', @at)").With("@at", Dialect.Instant((DateTimeOffset?)null)))
        {
            await insert.ExecuteNonQueryAsync(Ct);
        }

        await using var select = Command("SELECT at FROM t WHERE id = 'a'");
        await using var reader = await select.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        Assert.Null(Dialect.ReadNullableInstant(reader, 0));
    }

    [Fact]
    public async Task InIdList_IdListParameter_MatchesExactlyTheListedIds()
    {
        await ExecuteAsync("INSERT INTO t (id) VALUES ('a'), ('b'), ('c'), ('it''s')");

        await using var select = Command($"SELECT id FROM t WHERE {Dialect.InIdList("id", "@ids")} ORDER BY id")
            .With("@ids", Dialect.IdList(["c", "it's", "missing", "a"]));
        var ids = new List<string>();
        await using var reader = await select.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            ids.Add(reader.GetString(0));
        }

        Assert.Equal(["a", "c", "it's"], ids);
    }

    [Theory]
    [InlineData(5L, 7L, 5L)]
    [InlineData(7L, 5L, 5L)]
    [InlineData(-1L, -1L, -1L)]
    public async Task Least_TwoValues_IsTheSmaller(long left, long right, long expected)
    {
        await using var select = Command($"SELECT {Dialect.Least("@left", "@right")}").With("@left", left).With("@right", right);

        Assert.Equal(expected, (long)(await select.ExecuteScalarAsync(Ct))!);
    }

    [Fact]
    public void ClaimLock_Sqlite_IsEmptyBecauseTheStoreHoldsTheWriteLock() => Assert.Equal("", Dialect.ClaimLock("e"));

    private SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var command = Command(sql);
        await command.ExecuteNonQueryAsync(Ct);
    }
}
