using Belfry.Core.Storage;

namespace Belfry.Storage.ContractTests;

/// <summary>
/// An opened store as the contract suite sees it: each aggregate's interface, the change feed, and what to dispose.
/// A store's test project builds one from its own composition; no test casts a store to another interface.
/// </summary>
internal sealed record ContractStores(
    IJobStore Jobs,
    IDispatchQueue Queue,
    IExecutionStore Executions,
    IPipelineStore Pipelines,
    IChannelStore Channels,
    IAlertPolicyStore AlertPolicies,
    IMissedRunStore MissedRuns,
    INotificationOutbox Outbox,
    ISigningKeyStore Keys,
    INodeStore Nodes,
    ILocationStore Locations,
    IChangeSetStore ChangeSets,
    IStoreChanges Changes,
    IAsyncDisposable Owner) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Owner.DisposeAsync();
}
