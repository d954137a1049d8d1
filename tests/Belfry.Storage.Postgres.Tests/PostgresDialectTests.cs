using Belfry.Storage.Sql;
using Npgsql;

namespace Belfry.Storage.Postgres.Tests;

/// <summary>PostgreSQL's side of the shared SQL layer, each fragment run by the real server.</summary>
public sealed class PostgresDialectTests(PostgresStoreDatabase database) : IClassFixture<PostgresStoreDatabase>
{
    private static readonly SqlDialect Dialect = PostgresDialect.Instance;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("53100", "out of resources")] // disk_full
    [InlineData("53300", "out of resources")] // too_many_connections
    [InlineData("08006", "unreachable")] // connection_failure
    [InlineData("57P01", "unreachable")] // admin_shutdown
    [InlineData("40P01", "busy")] // deadlock_detected
    [InlineData("55P03", "busy")] // lock_not_available
    [InlineData("23505", null)] // unique_violation: about one row
    [InlineData("22P02", null)] // invalid_text_representation
    public void Unavailable_SqlState_WholeDatabaseFaultsNamedOthersNot(string sqlState, string? named)
    {
        var reason = Dialect.Unavailable(new PostgresException("injected", "ERROR", "ERROR", sqlState));

        Assert.Equal(named is not null, reason is not null);
        Assert.Contains(named ?? "", reason ?? "", StringComparison.Ordinal);
        Assert.Contains(reason is null ? "" : sqlState, reason ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unavailable_ConnectionToNoServer_NamedWithoutTheConnectionString()
    {
        var socketDirectory = Directory.CreateTempSubdirectory("belfry-nopg-").FullName;
        try
        {
            var connectionString = $"Host={socketDirectory};Username=belfry;Password=s3cret-pg-password;Timeout=2";
            await using var connection = new NpgsqlConnection(connectionString);

            var failed = await Assert.ThrowsAsync<NpgsqlException>(() => connection.OpenAsync(Ct));

            var reason = Dialect.Unavailable(failed);
            Assert.NotNull(reason);
            Assert.DoesNotContain("s3cret", reason, StringComparison.Ordinal);
            Assert.DoesNotContain(socketDirectory, reason, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(socketDirectory);
        }
    }

    [Fact]
    public async Task Instant_WithOffsetAndSubMicrosecondTicks_ReadBackAsTheSameMicrosecondAtOffsetZero()
    {
        // 09:00:00.1234567 at +02:00 is 07:00:00.1234567Z; timestamptz keeps microseconds: 07:00:00.123456Z.
        var written = new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.FromHours(2)).AddTicks(1_234_567);
        await using var connection = await database.OpenAsync(Ct);
        await using var select = new NpgsqlCommand("SELECT @at, pg_typeof(@at)::text", connection);
        select.Parameters.AddWithValue("at", Dialect.Instant(written));
        await using var reader = await select.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));

        var read = Dialect.ReadInstant(reader, 0);

        Assert.Equal(TimeSpan.Zero, read.Offset);
        Assert.Equal(new DateTimeOffset(2026, 12, 4, 7, 0, 0, TimeSpan.Zero).AddTicks(1_234_560), read);
        Assert.Equal("timestamp with time zone", reader.GetString(1));
    }

    [Fact]
    public async Task Instant_StoredInAColumn_EqualsTheBoundValueItCameFrom()
    {
        // A fence compares a bound instant with a stored one: both must be the same microsecond.
        var at = new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero).AddTicks(9);
        await using var connection = await database.OpenAsync(Ct);
        await using var select = new NpgsqlCommand("SELECT stored = @at FROM (SELECT @at AS stored) AS t", connection);
        select.Parameters.AddWithValue("at", Dialect.Instant(at));

        Assert.True((bool)(await select.ExecuteScalarAsync(Ct))!);
    }

    [Fact]
    public async Task IdList_SomeKnownSomeNot_MatchesTheKnownOnes()
    {
        var ids = await SelectIdsAsync(["b", "d", "z"]);

        Assert.Equal(["b", "d"], ids);
    }

    [Fact]
    public async Task IdList_Empty_MatchesNothing() => Assert.Empty(await SelectIdsAsync([]));

    [Fact]
    public async Task PlusTicks_Duration_AddsItToTheInstant()
    {
        var now = new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);
        var duration = TimeSpan.FromMinutes(3) + TimeSpan.FromMilliseconds(250.5);
        await using var connection = await database.OpenAsync(Ct);
        await using var select = new NpgsqlCommand($"SELECT {Dialect.PlusTicks("@now", "@grace + @deadline")}", connection);
        select.Parameters.AddWithValue("now", Dialect.Instant(now));
        select.Parameters.AddWithValue("grace", TimeSpan.FromSeconds(30).Ticks);
        select.Parameters.AddWithValue("deadline", duration.Ticks);

        await using var reader = await select.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));

        Assert.Equal(now + TimeSpan.FromSeconds(30) + duration, Dialect.ReadInstant(reader, 0));
    }

    [Theory]
    [InlineData(null, null, false)]
    [InlineData(null, 1, true)]
    [InlineData(1, 1, false)]
    [InlineData(1, 2, true)]
    public async Task IsDistinctFrom_NullsCountAsValues(int? left, int? right, bool expected)
    {
        await using var connection = await database.OpenAsync(Ct);
        await using var select = new NpgsqlCommand($"SELECT {Dialect.IsDistinctFrom("@left::integer", "@right::integer")}", connection);
        select.Parameters.AddWithValue("left", (object?)left ?? DBNull.Value);
        select.Parameters.AddWithValue("right", (object?)right ?? DBNull.Value);

        Assert.Equal(expected, (bool)(await select.ExecuteScalarAsync(Ct))!);
    }

    [Fact]
    public async Task LeastAndEarliestInstant_OrderNullsFirst()
    {
        var early = new DateTimeOffset(0001, 1, 2, 0, 0, 0, TimeSpan.Zero);
        await using var connection = await database.OpenAsync(Ct);
        await using var select = new NpgsqlCommand($"""
            SELECT {Dialect.Least("@early", "@late")},
                   {Dialect.EarliestInstant} < @early
            """, connection);
        select.Parameters.AddWithValue("early", Dialect.Instant(early));
        select.Parameters.AddWithValue("late", Dialect.Instant(early.AddYears(2025)));
        await using var reader = await select.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));

        Assert.Equal(early, Dialect.ReadInstant(reader, 0));
        Assert.True(reader.GetBoolean(1));
    }

    private async Task<List<string>> SelectIdsAsync(string[] ids)
    {
        await using var connection = await database.OpenAsync(Ct);
        await using var select = new NpgsqlCommand(
            $"SELECT id FROM (VALUES ('a'), ('b'), ('c'), ('d')) AS t (id) WHERE {Dialect.InIdList("id", "@ids")} ORDER BY id", connection);
        select.Parameters.AddWithValue("ids", Dialect.IdList(ids));
        var found = new List<string>();
        await using var reader = await select.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            found.Add(reader.GetString(0));
        }

        return found;
    }
}
