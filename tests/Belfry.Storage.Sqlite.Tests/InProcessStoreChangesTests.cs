using Belfry.Core.Jobs;
using Belfry.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Belfry.Storage.Sqlite.Tests;

/// <summary>
/// The embedded store's feed beyond the contract (<c>JobStoreContractTests.Changes</c>): a change is published only once
/// its transaction commits, and before the write returns.
/// </summary>
public sealed class InProcessStoreChangesTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2030, 1, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly JobName Name = new LocationName("belfry-test", "us-central1").Job("gated");

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("belfry-sqlite-").FullName;
    private readonly InProcessStoreChanges _changes = new();
    private readonly List<StoreChange> _seen = [];
    private SqliteJobStore _store = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _store = await SqliteJobStore.OpenAsync(_dataDirectory, new FakeTimeProvider(T0), _changes, Ct);
        await _store.CreateJobAsync(new Job
        {
            Name = Name,
            Schedule = "*/5 * * * *",
            HttpTarget = new HttpTarget("https://target.test/run", HttpMethodKind.Post, [], ReadOnlyMemory<byte>.Empty, null),
            ScheduleTime = T0.AddMinutes(5),
            UserUpdateTime = T0,
        }, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Fact]
    public async Task UpdateJob_CommitFailsAfterTheUpdate_PublishesNothingAndTheJobIsUnchanged()
    {
        // A deferred foreign key fails only at COMMIT, after the update ran and its change was staged.
        await ExecuteAsync("""
            CREATE TABLE commit_gate (job_name TEXT REFERENCES jobs (name) DEFERRABLE INITIALLY DEFERRED);
            CREATE TRIGGER close_gate AFTER UPDATE ON jobs BEGIN INSERT INTO commit_gate VALUES ('no such job'); END;
            """);
        var job = (await _store.GetJobAsync(Name, Ct))!;
        using var subscription = _store.Changes.Subscribe(_seen.Add);

        var failed = await Assert.ThrowsAsync<SqliteException>(() => _store.UpdateJobAsync(job with { Description = "lost", UserUpdateTime = T0.AddSeconds(1) }, Ct));

        Assert.Contains("FOREIGN KEY", failed.Message, StringComparison.Ordinal);
        Assert.Empty(_seen);
        Assert.Equal(("", job.Version), ((await _store.GetJobAsync(Name, Ct))!.Description, job.Version));

        // The next write that commits is published, alone.
        await ExecuteAsync("DROP TRIGGER close_gate");
        Assert.True(await _store.UpdateJobAsync(job with { Description = "kept", UserUpdateTime = T0.AddSeconds(2) }, Ct));
        var change = Assert.Single(_seen);
        Assert.Equal((StoreChangeKind.JobUpdated, job.Version + 1, T0.AddSeconds(2)), (change.Kind, change.Version, change.At));
    }

    [Fact]
    public async Task DeleteJob_Published_BeforeTheWriteReturnsAndAfterTheRowIsGone()
    {
        bool? rowGoneWhenTold = null;
        using var subscription = _changes.Subscribe(change =>
        {
            // On the writer's thread, after COMMIT: a plain read on another connection sees the row gone.
            rowGoneWhenTold = CountJobs() == 0;
            _seen.Add(change);
        });

        Assert.True(await _store.DeleteJobAsync(Name, Ct));

        var change = Assert.Single(_seen);
        Assert.Equal((StoreChangeKind.JobDeleted, Name, T0), (change.Kind, change.Job, change.At));
        Assert.True(rowGoneWhenTold);
    }

    private long CountJobs()
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(_dataDirectory, "belfry.db"), Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM jobs";
        return (long)command.ExecuteScalar()!;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await _store.OpenConnectionAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }
}
