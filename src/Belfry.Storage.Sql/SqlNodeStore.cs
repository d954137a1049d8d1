using Belfry.Core.Storage;

namespace Belfry.Storage.Sql;

/// <summary>
/// Heartbeats and the node list (<see cref="INodeStore"/>). <c>@now</c> is bound to the store's clock on every engine:
/// the dialect's <see cref="SqlDialect.DatabaseTime"/> reads it where the database has no clock of its own.
/// </summary>
internal sealed class SqlNodeStore(SqlDatabase database) : INodeStore
{
    public bool DatabaseHasClock => database.Dialect.HasClock;

    public Task<DateTimeOffset> HeartbeatAsync(NodeHeartbeat heartbeat, TimeSpan forgetAfter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(heartbeat);
        // Beside the claims, not behind the cluster's write lock: a node's own row, and the round trip it measures
        // the clock with should not include waiting for another node's write.
        return database.ClaimAsync(async transaction =>
        {
            var dialect = transaction.Dialect;
            await using (var forget = transaction.Command(transaction.Statements.Nodes.Forget)
                .With("@now", dialect.Instant(database.Time.GetUtcNow()))
                .With("@forgetAfter", forgetAfter.Ticks))
            {
                await forget.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using var command = transaction.Command(transaction.Statements.Nodes.Heartbeat)
                .With("@id", heartbeat.Id)
                .With("@address", heartbeat.Address)
                .With("@nodeVersion", heartbeat.Version)
                .With("@startTime", dialect.Instant(heartbeat.StartTime))
                .With("@now", dialect.Instant(database.Time.GetUtcNow()))
                .With("@inFlight", heartbeat.ExecutionsInFlight)
                .With("@clockOffset", heartbeat.ClockOffset.Ticks)
                .With("@refusal", heartbeat.Refusal);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            return dialect.ReadInstant(reader, 0);
        }, cancellationToken);
    }

    public Task<NodeList> ListNodesAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(async transaction =>
        {
            var dialect = transaction.Dialect;
            DateTimeOffset now;
            await using (var clock = transaction.Command(transaction.Statements.Nodes.Now).With("@now", dialect.Instant(database.Time.GetUtcNow())))
            await using (var reader = await clock.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                now = dialect.ReadInstant(reader, 0);
            }

            var nodes = new List<NodeRecord>();
            await using (var command = transaction.Command(NodeSql.List))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    nodes.Add(NodeRows.Read(reader, dialect));
                }
            }

            return new NodeList(nodes, now);
        }, cancellationToken);
}
