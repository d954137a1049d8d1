using Belfry.Core.Storage;

namespace Belfry.Storage.Sql;

/// <summary>
/// One store per aggregate (the contracts of <c>Core/Storage</c>) over one <see cref="SqlDatabase"/>, and its change
/// feed: what an <c>Add…Store</c> registers, and what tests and benchmarks open without a host. Disposing it disposes
/// the database.
/// </summary>
internal class SqlStores(SqlDatabase database) : IAsyncDisposable
{
    public IJobStore Jobs { get; } = new SqlJobStore(database);

    public IDispatchQueue Queue { get; } = new SqlDispatchQueue(database);

    public IExecutionStore Executions { get; } = new SqlExecutionStore(database);

    public IPipelineStore Pipelines { get; } = new SqlPipelineStore(database);

    public IChannelStore Channels { get; } = new SqlChannelStore(database);

    public IAlertPolicyStore AlertPolicies { get; } = new SqlAlertPolicyStore(database);

    public IMissedRunStore MissedRuns { get; } = new SqlMissedRunStore(database);

    public INotificationOutbox Outbox { get; } = new SqlNotificationOutbox(database);

    public ISigningKeyStore Keys { get; } = new SqlSigningKeyStore(database);

    public INodeStore Nodes { get; } = new SqlNodeStore(database);

    /// <summary>Whether the database is open and answers (<see cref="IStoreProbe"/>, for <c>/readyz</c>).</summary>
    public IStoreProbe Probe { get; } = new SqlStoreProbe(database);

    public ILocationStore Locations { get; } = new SqlLocationStore(database);

    public IChangeSetStore ChangeSets { get; } = new SqlChangeSetStore(database);

    /// <summary>Which faults are the whole store's (<see cref="IStoreFaults"/>): the dialect knows its engine's errors.</summary>
    public IStoreFaults Faults => database.Dialect;

    /// <summary>What the stores' writes changed (<see cref="SqlDatabase.Changes"/>).</summary>
    public IStoreChanges Changes => database.Changes;

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return database.DisposeAsync();
    }
}
