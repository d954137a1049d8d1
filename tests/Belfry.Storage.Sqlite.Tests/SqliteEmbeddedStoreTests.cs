using Belfry.Storage.ContractTests;

namespace Belfry.Storage.Sqlite.Tests;

/// <summary>The embedded-store contract (directory lock, durability, crash recovery) against the SQLite store.</summary>
public sealed class SqliteEmbeddedStoreTests : EmbeddedStoreContractTests
{
    internal override async Task<ContractStores> OpenStoresAsync(string dataDirectory, TimeProvider timeProvider) =>
        (await SqliteStores.OpenAsync(dataDirectory, timeProvider, TestContext.Current.CancellationToken)).ForContract();
}
