using System.Text;
using Belfry.Core.Jobs;
using Belfry.Core.Pipelines;
using Belfry.Core.Storage;
using Npgsql;

namespace Belfry.Storage.Postgres.Tests;

/// <summary>
/// The cluster change feed on a real server: two or three "nodes" (feeds with their own data sources) on one fresh
/// database each test. What must not arrive is shown by a later marker that does: a listener gets notifications in
/// commit order, so once the marker is in, anything sent before it would be too.
/// </summary>
public sealed class PostgresStoreChangesTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 4, 9, 0, 0, 123, 456, TimeSpan.Zero);
    private static readonly JobName Job = new("p", "l", "nightly");
    private static readonly PipelineName Pipeline = new("p", "l", "etl");
    private static readonly StoreChange Marker = StoreChange.JobRun(new JobName("p", "l", "marker"), At);

    [Fact]
    public async Task SendAsync_CommittedOnNodeA_ReachesNodeBWithEveryFieldIntactAndNotA()
    {
        await using var nodes = await ChangeFeedNodes.CreateAsync();
        var ct = Timeout();
        var a = await nodes.ListeningAsync("a", ct);
        var b = await nodes.ListeningAsync("b", ct);
        var c = nodes.Sender("c");
        StoreChange[] changes =
        [
            StoreChange.JobUpdated(Pipeline.StepJob("load"), 42, At),
            StoreChange.JobDeleted(Job, At.AddSeconds(1)),
            StoreChange.PipelineRun(Pipeline, At.AddSeconds(2)),
        ];

        await a.SendAsync(changes, commit: true, ct);
        await ChangeFeedNodes.SendAsync(c.Feed, c.DataSource, [Marker], commit: true, ct);

        var toB = await b.Recorder.WaitUntilAsync(r => r.Contains(Marker), ct);
        var toA = await a.Recorder.WaitUntilAsync(r => r.Contains(Marker), ct);
        Assert.Equal([.. changes, Marker], toB.Where(r => r.Kind != StoreChangeKind.Resync));
        Assert.Equal([Marker], toA.Where(r => r.Kind != StoreChangeKind.Resync));
    }

    [Fact]
    public async Task SendAsync_TransactionRolledBack_ReachesNobody()
    {
        await using var nodes = await ChangeFeedNodes.CreateAsync();
        var ct = Timeout();
        var a = nodes.Sender("a");
        var b = await nodes.ListeningAsync("b", ct);
        var c = await nodes.ListeningAsync("c", ct);

        await ChangeFeedNodes.SendAsync(a.Feed, a.DataSource, [StoreChange.JobDeleted(Job, At)], commit: false, ct);
        await ChangeFeedNodes.SendAsync(a.Feed, a.DataSource, [Marker], commit: true, ct);

        Assert.Equal([Marker], (await b.Recorder.WaitUntilAsync(r => r.Contains(Marker), ct)).Where(r => r.Kind != StoreChangeKind.Resync));
        Assert.Equal([Marker], (await c.Recorder.WaitUntilAsync(r => r.Contains(Marker), ct)).Where(r => r.Kind != StoreChangeKind.Resync));
    }

    [Fact]
    public async Task SendAsync_MoreThanOneNotificationHolds_SplitUnderTheLimitAndArrivesWhole()
    {
        await using var nodes = await ChangeFeedNodes.CreateAsync();
        var ct = Timeout();
        var a = nodes.Sender("a");
        var b = await nodes.ListeningAsync("b", ct);
        var changes = Enumerable.Range(0, 300)
            .Select(i => StoreChange.JobUpdated(new JobName("project", "location", $"job-{i}-{new string('x', 80)}"), i + 1, At))
            .ToList();
        await using var raw = await RawChangeListener.OpenAsync(nodes.Database.ConnectionString, ct);

        await ChangeFeedNodes.SendAsync(a.Feed, a.DataSource, changes, commit: true, ct);

        var received = await b.Recorder.WaitUntilAsync(r => r.Count(c => c.Kind != StoreChangeKind.Resync) >= changes.Count, ct);
        Assert.Equal(changes, received.Where(r => r.Kind != StoreChangeKind.Resync));
        var payloads = await raw.WaitForChangesAsync(changes.Count, ct);
        Assert.True(payloads.Count > 1, $"{payloads.Count} notification(s)");
        Assert.All(payloads, p => Assert.InRange(Encoding.UTF8.GetByteCount(p), 1, StoreChangePayload.MaxBytes));
    }

    [Fact]
    public async Task Listen_ConnectionTerminated_ReconnectsPublishesResyncAndHearsLaterChanges()
    {
        await using var nodes = await ChangeFeedNodes.CreateAsync();
        var ct = Timeout();
        var a = nodes.Sender("a");
        var b = await nodes.ListeningAsync("b", ct);

        Assert.Equal(1, await BackendsAsync(nodes, "b", terminate: true, ct));
        await b.Recorder.WaitForResyncsAsync(2, ct);
        await ChangeFeedNodes.SendAsync(a.Feed, a.DataSource, [StoreChange.JobCreated(Job, 1, At)], commit: true, ct);

        var received = await b.Recorder.WaitUntilAsync(r => r.Any(c => c.Kind == StoreChangeKind.JobCreated), ct);
        Assert.Equal([StoreChangeKind.Resync, StoreChangeKind.Resync, StoreChangeKind.JobCreated], received.Select(r => r.Kind));
        Assert.Equal(StoreChange.JobCreated(Job, 1, At), received[^1]);
    }

    [Fact]
    public async Task DisposeAsync_WhileListening_StopsQuicklyAndLeavesNoListeningBackend()
    {
        await using var nodes = await ChangeFeedNodes.CreateAsync();
        var ct = Timeout();
        var b = await nodes.ListeningAsync("b", ct);

        await b.Feed.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5), ct);

        Assert.Equal(0, await BackendsAsync(nodes, "b", terminate: false, ct));
    }

    [Fact]
    public async Task Publish_ByTheWriterAfterItsCommit_ReachesThisNodesSubscribersAtOnce()
    {
        await using var nodes = await ChangeFeedNodes.CreateAsync();
        var (feed, _) = nodes.Sender("a");
        var recorder = new ChangeRecorder();
        using (feed.Subscribe(recorder.Add))
        {
            feed.Publish(Marker);
        }

        feed.Publish(StoreChange.JobDeleted(Job, At));

        Assert.Equal([Marker], recorder.Snapshot());
    }

    // A bound for every wait of a test once its database exists (starting the server may take longer), from the
    // test's own token: a lost signal fails the test rather than hangs it.
    private static CancellationToken Timeout()
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        return timeout.Token;
    }

    // The backends of a node's data source (found by its application name), counted, or terminated from another
    // connection as an administrator or a failing network would. A stopped feed must leave none, not even idle in
    // the pool: one still LISTENing would have the server write every later notification to it, unread.
    private static async Task<int> BackendsAsync(ChangeFeedNodes nodes, string nodeId, bool terminate, CancellationToken ct)
    {
        var count = terminate ? "count(*) FILTER (WHERE pg_terminate_backend(pid))" : "count(*)";
        await using var admin = new NpgsqlConnection(nodes.Database.ConnectionString);
        await admin.OpenAsync(ct);
        await using var backends = new NpgsqlCommand(
            $"SELECT {count} FROM pg_stat_activity WHERE datname = current_database() AND application_name = @name", admin);
        backends.Parameters.AddWithValue("name", ChangeFeedNodes.ApplicationName(nodeId));
        return (int)(long)(await backends.ExecuteScalarAsync(ct))!;
    }
}
