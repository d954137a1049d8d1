using Belfry.Storage.ContractTests;

namespace Belfry.Storage.Sqlite.Tests;

/// <summary>The embedded-store contract (directory lock, durability, crash recovery) against the SQLite store.</summary>
public sealed class SqliteEmbeddedStoreTests : EmbeddedStoreContractTests
{
    protected override async Task<IAsyncDisposable> OpenStoreAsync(string dataDirectory, TimeProvider timeProvider) =>
        await SqliteJobStore.OpenAsync(dataDirectory, timeProvider, TestContext.Current.CancellationToken);
}
