using Belfry.Core.Jobs;
using Belfry.Core.Storage;
using Microsoft.Data.Sqlite;
using Belfry.Storage.Sql;

namespace Belfry.Storage.Sqlite.Tests;

/// <summary>
/// The embedded store's feed beyond the contract (<c>JobStoreContractTests.Changes</c>): a change is published only once
/// its transaction commits, and before the write returns.
/// </summary>
public sealed class InProcessStoreChangesTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = OneJobStore.T0;
    private static readonly JobName Name = OneJobStore.Name;

    private readonly InProcessStoreChanges _changes = new();
    private readonly List<StoreChange> _seen = [];
    private OneJobStore _one = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SqliteStores Store => _one.Store;

    public async ValueTask InitializeAsync() => _one = await OneJobStore.OpenAsync(_changes, Ct);

    public ValueTask DisposeAsync() => _one.DisposeAsync();

    [Fact]
    public async Task UpdateJob_CommitFailsAfterTheUpdate_PublishesNothingAndTheJobIsUnchanged()
    {
        // A deferred foreign key fails only at COMMIT, after the update ran and its change was staged.
        await ExecuteAsync("""
            CREATE TABLE commit_gate (job_name TEXT REFERENCES jobs (name) DEFERRABLE INITIALLY DEFERRED);
            CREATE TRIGGER close_gate AFTER UPDATE ON jobs BEGIN INSERT INTO commit_gate VALUES ('no such job'); END;
            """);
        var job = (await Store.Jobs.GetJobAsync(Name, Ct))!;
        using var subscription = Store.Changes.Subscribe(_seen.Add);

        var failed = await Assert.ThrowsAsync<SqliteException>(() => Store.Jobs.UpdateJobAsync(job with { Description = "lost", UserUpdateTime = T0.AddSeconds(1) }, Ct));

        Assert.Contains("FOREIGN KEY", failed.Message, StringComparison.Ordinal);
        Assert.Empty(_seen);
        Assert.Equal(("", job.Version), ((await Store.Jobs.GetJobAsync(Name, Ct))!.Description, job.Version));

        // The next write that commits is published, alone.
        await ExecuteAsync("DROP TRIGGER close_gate");
        Assert.True(await Store.Jobs.UpdateJobAsync(job with { Description = "kept", UserUpdateTime = T0.AddSeconds(2) }, Ct));
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

        Assert.True(await Store.Jobs.DeleteJobAsync(Name, Ct));

        var change = Assert.Single(_seen);
        Assert.Equal((StoreChangeKind.JobDeleted, Name, T0), (change.Kind, change.Job, change.At));
        Assert.True(rowGoneWhenTold);
    }

    private long CountJobs()
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(_one.DataDirectory, "belfry.db"), Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM jobs";
        return (long)command.ExecuteScalar()!;
    }

    private Task<int> ExecuteAsync(string sql) => _one.ExecuteAsync(sql, Ct);
}
