using Microsoft.Extensions.Time.Testing;
using Npgsql;
using ThrowawayDatabase = Belfry.Testing.Postgres.PostgresDatabase;

namespace Belfry.Storage.Postgres.Tests;

/// <summary>
/// Writes queued with <c>SqlStatement.EnqueueAsync</c> go to the server in one batch, and keep their order with
/// everything else in the transaction: a prepared statement run after them sees them (it rides in the same round trip),
/// the commit carries what is left, and a transaction that fails leaves none of them. A real server.
/// </summary>
public sealed class PostgresQueuedWritesTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 1, 15, 12, 0, 0, TimeSpan.Zero));
    private ThrowawayDatabase? _database;
    private PostgresStores? _stores;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await MigratedTemplate.CreateDatabaseAsync();
        _stores = await PostgresStores.OpenAsync(_database.ConnectionString, "node-a", _time, Ct);
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var create = new NpgsqlCommand("CREATE TABLE queued (n integer PRIMARY KEY, label text)", connection);
        await create.ExecuteNonQueryAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_stores is not null)
        {
            await _stores.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task Enqueue_ThenAPreparedQuery_TheQuerySeesEveryQueuedRowInOrder()
    {
        var seen = await _stores!.Database.ClaimAsync(async transaction =>
        {
            using var insert = transaction.Prepare("INSERT INTO queued (n, label) VALUES (?1, ?2)");
            using var relabel = transaction.Prepare("UPDATE queued SET label = ?1 WHERE n = ?2");
            for (var n = 1; n <= 3; n++)
            {
                await insert.Bind(1, n).Bind(2, $"row {n}").EnqueueAsync(Ct);
            }

            // Queued after the inserts, so it must run after them: a reordered batch would relabel nothing.
            await relabel.Bind(1, "relabelled").Bind(2, 2).EnqueueAsync(Ct);
            using var count = transaction.Prepare("SELECT count(*), string_agg(label, ',' ORDER BY n) FROM queued");
            return await count.ExecuteFirstAsync(row => (row.Int64(0), row.Text(1)), Ct);
        }, Ct);

        Assert.Equal((3L, "row 1,relabelled,row 3"), seen);
    }

    [Fact]
    public async Task Enqueue_NothingRunAfter_CommittedWithTheTransaction()
    {
        await _stores!.Database.ClaimAsync(async transaction =>
        {
            using var insert = transaction.Prepare("INSERT INTO queued (n, label) VALUES (?1, ?2)");
            for (var n = 1; n <= 2_500; n++)
            {
                await insert.Bind(1, n).Bind(2, (string?)null).EnqueueAsync(Ct);
            }

            return true;
        }, Ct);

        Assert.Equal(2_500L, await CountAsync());
    }

    [Fact]
    public async Task Enqueue_TransactionFailsAfterwards_NoneOfTheQueuedRowsRemain()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => _stores!.Database.ClaimAsync<bool>(async transaction =>
        {
            using var insert = transaction.Prepare("INSERT INTO queued (n, label) VALUES (?1, ?2)");
            for (var n = 1; n <= 2_100; n++)
            {
                await insert.Bind(1, n).Bind(2, (string?)null).EnqueueAsync(Ct);
            }

            throw new InvalidOperationException("the work failed after queueing");
        }, Ct));

        Assert.Equal(0L, await CountAsync());
    }

    [Fact]
    public async Task Enqueue_ABadRowAmongThem_TheWholeTransactionFails()
    {
        await Assert.ThrowsAsync<PostgresException>(() => _stores!.Database.ClaimAsync(async transaction =>
        {
            using var insert = transaction.Prepare("INSERT INTO queued (n, label) VALUES (?1, ?2)");
            await insert.Bind(1, 1).Bind(2, "first").EnqueueAsync(Ct);
            await insert.Bind(1, 1).Bind(2, "duplicate key").EnqueueAsync(Ct);
            return true;
        }, Ct));

        Assert.Equal(0L, await CountAsync());
    }

    private async Task<long> CountAsync()
    {
        await using var connection = new NpgsqlConnection(_database!.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM queued", connection);
        return (long)(await count.ExecuteScalarAsync(Ct))!;
    }
}
