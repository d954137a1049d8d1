using Belfry.Storage.ContractTests;
using ThrowawayDatabase = Belfry.Testing.Postgres.PostgresDatabase;

namespace Belfry.Storage.Postgres.Tests;

/// <summary>
/// The store contract, unchanged, against the PostgreSQL stores on a real server: a fresh database per test, copied
/// from a template the migrator itself migrated once.
/// </summary>
public sealed class PostgresJobStoreContractTests : JobStoreContractTests
{
    private ThrowawayDatabase? _database;

    // timestamptz keeps microseconds.
    protected override TimeSpan InstantPrecision => TimeSpan.FromMicroseconds(1);

    internal override async Task<ContractStores> OpenStoresAsync(TimeProvider timeProvider)
    {
        _database = await MigratedTemplate.CreateDatabaseAsync();
        var stores = await PostgresStores.OpenAsync(_database.ConnectionString, "contract-node", timeProvider, TestContext.Current.CancellationToken);
        return new ContractStores(
            stores.Jobs, stores.Queue, stores.Executions, stores.Pipelines, stores.Channels, stores.AlertPolicies, stores.MissedRuns,
            stores.Outbox, stores.Keys, stores.Nodes, stores.Locations, stores.ChangeSets, stores.Changes, stores);
    }

    protected override async ValueTask CleanupAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
