using Belfry.Storage.ContractTests;

namespace Belfry.Storage.Sqlite.Tests;

internal static class ContractStoresExtensions
{
    /// <summary>The SQLite stores as the contract suite takes them; disposing the result disposes the database.</summary>
    public static ContractStores ForContract(this SqliteStores stores) => new(
        stores.Jobs, stores.Queue, stores.Executions, stores.Pipelines, stores.Channels, stores.AlertPolicies, stores.MissedRuns,
        stores.Outbox, stores.Keys, stores.Nodes, stores.Locations, stores.ChangeSets, stores.Changes, stores);
}
