using Belfry.Core.Jobs;
using Microsoft.Extensions.Time.Testing;
using Belfry.Storage.Sql;

namespace Belfry.Storage.Sqlite.Tests;

/// <summary>A store in a fresh temporary directory holding one job, <see cref="Name"/>, created at <see cref="T0"/>.</summary>
internal sealed class OneJobStore : IAsyncDisposable
{
    public static readonly DateTimeOffset T0 = new(2030, 1, 15, 12, 0, 0, TimeSpan.Zero);
    public static readonly JobName Name = new LocationName("belfry-test", "us-central1").Job("one");

    private OneJobStore(string dataDirectory, SqliteStores store)
    {
        DataDirectory = dataDirectory;
        Store = store;
    }

    public string DataDirectory { get; }

    public SqliteStores Store { get; }

    public static async Task<OneJobStore> OpenAsync(InProcessStoreChanges changes, CancellationToken cancellationToken)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("belfry-sqlite-").FullName;
        var store = await SqliteStores.OpenAsync(dataDirectory, new FakeTimeProvider(T0), changes, cancellationToken);
        await store.Jobs.CreateJobAsync(new Job
        {
            Name = Name,
            Schedule = "*/5 * * * *",
            HttpTarget = new HttpTarget("https://target.test/old", HttpMethodKind.Post, [new("X-Kept", "1")], ReadOnlyMemory<byte>.Empty, null),
            ScheduleTime = T0.AddMinutes(5),
            UserUpdateTime = T0,
        }, cancellationToken);
        return new OneJobStore(dataDirectory, store);
    }

    /// <summary>Runs <paramref name="sql"/> on a connection of the store's own, behind its back; returns the rows changed.</summary>
    public async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await Store.Database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        Directory.Delete(DataDirectory, recursive: true);
    }
}
