using Belfry.Core.Storage;

namespace Belfry.Storage.Sqlite;

/// <summary>
/// One store per aggregate over one <see cref="SqliteDatabase"/>, as <see cref="SqliteStoreServiceCollectionExtensions.AddSqliteStore"/>
/// registers them; tests and benchmarks open the same set without a host. Disposing it disposes the database.
/// </summary>
internal sealed class SqliteStores(SqliteDatabase database) : IAsyncDisposable
{
    public SqliteDatabase Database => database;

    public IJobStore Jobs { get; } = new SqlJobStore(database);

    public IDispatchQueue Queue { get; } = new SqlDispatchQueue(database);

    public IExecutionStore Executions { get; } = new SqlExecutionStore(database);

    public IPipelineStore Pipelines { get; } = new SqlPipelineStore(database);

    public IChannelStore Channels { get; } = new SqlChannelStore(database);

    public IAlertPolicyStore AlertPolicies { get; } = new SqlAlertPolicyStore(database);

    public IMissedRunStore MissedRuns { get; } = new SqlMissedRunStore(database);

    public INotificationOutbox Outbox { get; } = new SqlNotificationOutbox(database);

    public ISigningKeyStore Keys { get; } = new SqlSigningKeyStore(database);

    /// <summary>What the stores' writes changed (<see cref="SqlDatabase.Changes"/>).</summary>
    public IStoreChanges Changes => database.Changes;

    /// <summary>Opens the database in <paramref name="dataDirectory"/> with a change feed of its own, and the stores over it.</summary>
    public static Task<SqliteStores> OpenAsync(string dataDirectory, TimeProvider timeProvider, CancellationToken cancellationToken) =>
        OpenAsync(dataDirectory, timeProvider, new InProcessStoreChanges(), cancellationToken);

    /// <summary>Opens the database (<see cref="SqliteDatabase.OpenAsync(CancellationToken)"/>) and the stores over it.</summary>
    public static async Task<SqliteStores> OpenAsync(
        string dataDirectory, TimeProvider timeProvider, InProcessStoreChanges changes, CancellationToken cancellationToken) =>
        new(await SqliteDatabase.OpenAsync(dataDirectory, timeProvider, changes, cancellationToken).ConfigureAwait(false));

    public ValueTask DisposeAsync() => database.DisposeAsync();
}
