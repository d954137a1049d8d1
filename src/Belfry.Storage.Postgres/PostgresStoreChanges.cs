using System.Data;
using Belfry.Core.Retries;
using Belfry.Core.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Belfry.Storage.Postgres;

/// <summary>
/// The cluster store's change feed (issue 12). A writer sends its transaction's changes with
/// <see cref="SendAsync"/> before committing, so PostgreSQL delivers them on <c>belfry_changes</c> only if it commits,
/// and hands them to this node's subscribers with <see cref="Publish"/> right after the commit, before the write
/// returns (as SQLite's feed: a caller that awaited a write knows its own dispatcher was told). One connection per
/// node LISTENs (<see cref="Start"/>) and hands over the changes of the other nodes, ignoring its own node's. When that
/// connection drops it reconnects with backoff; notifications sent meanwhile are lost, so every time it (re)starts
/// listening it publishes <see cref="StoreChange.Resync"/>: the subscriber re-reads the store.
/// </summary>
internal sealed class PostgresStoreChanges : IStoreChanges, IAsyncDisposable
{
    /// <summary>The notification channel every node of one database listens on.</summary>
    public const string Channel = "belfry_changes";

    // 250 ms after a drop, doubling to 10 s while the server stays away: a restart is noticed within seconds,
    // and a long outage costs a few connection attempts a minute.
    private static readonly RetryConfig Reconnect = new(0, TimeSpan.Zero, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(10), 6);

    // WaitAsync alone never notices a server that vanished without closing the socket: after this much silence
    // the listener asks the server something, which fails on a dead connection.
    private static readonly TimeSpan Probe = TimeSpan.FromSeconds(30);

    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();

    // This node's subscribers: told of its own writes by the writer, of the other nodes' by the listener.
    private readonly InProcessStoreChanges _local = new();
    private Task? _listening;

    // Completed after the first LISTEN and its resync signal, so an opener that awaits it has heard that signal go by.
    private readonly TaskCompletionSource _listeningOnce = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <param name="dataSource">Where the listening connection comes from (not multiplexing: LISTEN needs a connection of its own).</param>
    /// <param name="nodeId">This node's id, sent with its changes so that it can ignore them when they come back.</param>
    /// <param name="timeProvider">Waits between reconnections and stamps the resync signals.</param>
    /// <param name="logger">Says when it listens and why it reconnects (Npgsql's errors carry no password).</param>
    public PostgresStoreChanges(NpgsqlDataSource dataSource, string nodeId, TimeProvider timeProvider, ILogger<PostgresStoreChanges> logger)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentException.ThrowIfNullOrWhiteSpace(nodeId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(nodeId.Length, StoreChangePayload.MaxNodeIdLength, nameof(nodeId));
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _dataSource = dataSource;
        NodeId = nodeId;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public string NodeId { get; }

    /// <summary>
    /// Completes once the feed listens for the first time, after its first <see cref="StoreChangeKind.Resync"/> was
    /// published: from then on no other node's committed change goes unheard (or unsignalled).
    /// </summary>
    public Task Listening => _listeningOnce.Task;

    public IDisposable Subscribe(Action<StoreChange> onChange) => _local.Subscribe(onChange);

    /// <summary>Hands <paramref name="change"/> to this node's subscribers. Called by the writer after its commit only.</summary>
    public void Publish(StoreChange change) => _local.Publish(change);

    /// <summary>
    /// Notifies the other nodes of <paramref name="changes"/> within <paramref name="transaction"/>, before its commit:
    /// PostgreSQL delivers them when it commits, in order, and never if it rolls back. As few notifications as the
    /// payload limit allows, in one round trip.
    /// </summary>
    public async Task SendAsync(NpgsqlTransaction transaction, IEnumerable<StoreChange> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var connection = transaction.Connection
            ?? throw new InvalidOperationException("The transaction is over: changes are sent before it commits.");
        var payloads = StoreChangePayload.Encode(NodeId, changes);
        if (payloads.Count == 0)
        {
            return;
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var payload in payloads)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"SELECT pg_notify('{Channel}', $1)") { Parameters = { new() { Value = payload } } });
        }

        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts listening, in the background: returns at once, and the first <see cref="StoreChange.Resync"/> tells
    /// the subscribers that it listens. Until <see cref="DisposeAsync"/>, it keeps reconnecting whatever fails.
    /// </summary>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
        _listening ??= Task.Run(() => ListenAsync(_stopping.Token));
    }

    /// <summary>Stops listening and closes the connection; quick, whatever state the connection is in.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_listening is not null)
        {
            await _listening.ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    private async Task ListenAsync(CancellationToken stopping)
    {
        var failures = 0;
        while (true)
        {
            try
            {
                await ListenOnceAsync(() => failures = 0, stopping).ConfigureAwait(false);
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                // A dropped connection, a restarting server, anything: this loop is the node's only ear, so it goes on.
                var delay = Backoff.Delay(Reconnect, ++failures);
                Log.ChangesListenFailed(_logger, delay.TotalMilliseconds, e);
                try
                {
                    await Task.Delay(delay, _timeProvider, stopping).ConfigureAwait(false);
                    continue;
                }
                catch (OperationCanceledException)
                {
                }
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                // Stopping: however Npgsql reports the cancelled wait, DisposeAsync must not throw it.
            }

            return;
        }
    }

    /// <summary>Listens on one connection until it fails or stopping is asked; either way it throws.</summary>
    private async Task ListenOnceAsync(Action listening, CancellationToken stopping)
    {
        var connection = await _dataSource.OpenConnectionAsync(stopping).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                await ListenOnAsync(connection, listening, stopping).ConfigureAwait(false);
            }
            finally
            {
                // Stopping leaves the connection healthy, and back in the pool it would go on LISTENing unread (Npgsql
                // resets it only when reused) while the server writes every notification to it. Clearing the data
                // source's pool closes it when returned (and the idle ones, once, as the node stops; a data source of
                // the feed's own avoids that). A broken connection closes anyway.
                if (connection.FullState.HasFlag(ConnectionState.Open))
                {
                    _dataSource.Clear();
                }
            }
        }
    }

    private async Task ListenOnAsync(NpgsqlConnection connection, Action listening, CancellationToken stopping)
    {
        connection.Notification += OnNotification;
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stopping).ConfigureAwait(false);
        }

        listening();
        Log.ChangesListening(_logger, NodeId);
        Publish(StoreChange.Resync(_timeProvider.GetUtcNow()));
        _listeningOnce.TrySetResult();
        while (true)
        {
            if (!await connection.WaitAsync(Probe, stopping).ConfigureAwait(false))
            {
                await using var probe = new NpgsqlCommand("SELECT 1", connection);
                await probe.ExecuteNonQueryAsync(stopping).ConfigureAwait(false);
            }
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        if (!string.Equals(e.Channel, Channel, StringComparison.Ordinal))
        {
            return;
        }

        // Someone else's text on our channel (or a version that cannot be read): something changed, say what we know.
        if (StoreChangePayload.Decode(e.Payload, _timeProvider.GetUtcNow()) is not { } sent)
        {
            Publish(StoreChange.Resync(_timeProvider.GetUtcNow()));
            return;
        }

        if (string.Equals(sent.Node, NodeId, StringComparison.Ordinal))
        {
            return;
        }

        foreach (var change in sent.Changes)
        {
            Publish(change);
        }
    }
}
