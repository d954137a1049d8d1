using Belfry.Server.Notifications;
using Belfry.Server.Retention;
using Belfry.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Belfry.Server.Tests.Retention;

/// <summary>
/// The outbox purge in the retention pass (issue 14, M6) over simulated time: the real pass over the real SQLite store,
/// a fake clock moved one retention interval at a time, each interval's delivered notifications written in bulk.
/// </summary>
public sealed class OutboxRetentionTests(ITestOutputHelper output) : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("belfry-outbox-retention-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    /// <summary>
    /// A million notifications a day (one every 86.4 ms) at the default interval (5 minutes, 3,472 per pass) and batch
    /// size (500). The retention is scaled from 7 days to 1 hour so the run writes 3 hours (125,000 rows) instead of
    /// more than a week: the rate per pass, which the old purge (1,000 an hour) could not keep up with, is the real
    /// one. After every pass the outbox holds exactly the hour's notifications, never more than an hour and an
    /// interval's worth before it.
    /// </summary>
    [Fact]
    public async Task RunOnce_AMillionNotificationsADay_OutboxHoldsOnlyTheRetentionsWorth()
    {
        var period = TimeSpan.FromDays(1) / 1_000_000;
        var age = TimeSpan.FromHours(1);
        var interval = TimeSpan.FromMinutes(5);
        var time = new FakeTimeProvider(T0);
        await using var stores = await SqliteStores.OpenAsync(_dataDirectory, time, Ct);
        var retention = new OutboxRetention(
            stores.Outbox, time, Options.Create(new NotificationOptions { Retention = age }), Options.Create(new RetentionOptions()),
            NullLogger<OutboxRetention>.Instance);
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_dataDirectory, SqliteDatabase.FileName)};Pooling=False");
        await connection.OpenAsync(Ct);
        var bound = (long)((age + interval) / period) + 1;
        var written = 0L;
        var largest = 0L;

        for (var now = T0 + interval; now <= T0.AddHours(3); now += interval)
        {
            time.SetUtcNow(now);
            var end = (now - T0).Ticks / period.Ticks; // row k finished at T0 + k × period, before now
            await WriteDeliveredAsync(connection, written, end, period);
            written = end;
            var before = await CountAsync(connection);
            largest = Math.Max(largest, before);
            Assert.True(before <= bound, $"{before} notifications at {now:o}, more than {bound}");

            await retention.RunOnceAsync(Ct);

            var firstKept = (long)Math.Ceiling((double)(now - age - T0).Ticks / period.Ticks);
            Assert.Equal(written - Math.Max(0, firstKept), await CountAsync(connection));
        }

        output.WriteLine($"{written:N0} notifications over 3 simulated hours; at most {largest:N0} held (bound {bound:N0})");
        Assert.True(written >= 125_000, $"only {written} notifications simulated");
    }

    /// <summary>Delivered notifications k in [from, to), finished at T0 + k × period, as the relay would have recorded them.</summary>
    private static async Task WriteDeliveredAsync(SqliteConnection connection, long from, long to, TimeSpan period)
    {
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(Ct);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            WITH RECURSIVE k(n) AS (SELECT @from UNION ALL SELECT n + 1 FROM k WHERE n + 1 < @to)
            INSERT INTO notification_outbox (id, channel_name, event_kind, event_json, state, create_time, attempt_count, finish_time)
            SELECT printf('n%031x', n), 'projects/p/locations/l/channels/ops', 0, '{}', 2 /* Delivered */,
                   @start + n * @period, 1, @start + n * @period
            FROM k;
            """;
        command.Parameters.AddWithValue("@from", from);
        command.Parameters.AddWithValue("@to", to);
        command.Parameters.AddWithValue("@start", T0.UtcTicks);
        command.Parameters.AddWithValue("@period", period.Ticks);
        await command.ExecuteNonQueryAsync(Ct);
        await transaction.CommitAsync(Ct);
    }

    private static async Task<long> CountAsync(SqliteConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM notification_outbox";
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }
}
