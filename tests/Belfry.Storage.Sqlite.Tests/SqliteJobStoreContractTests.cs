using Belfry.Storage.ContractTests;

namespace Belfry.Storage.Sqlite.Tests;

/// <summary>The store contract against a real SQLite file in a fresh temporary directory per test.</summary>
public sealed class SqliteJobStoreContractTests : JobStoreContractTests
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("belfry-sqlite-").FullName;

    internal override async Task<ContractStores> OpenStoresAsync(TimeProvider timeProvider) =>
        (await SqliteStores.OpenAsync(_dataDirectory, timeProvider, TestContext.Current.CancellationToken)).ForContract();

    protected override ValueTask CleanupAsync()
    {
        Directory.Delete(_dataDirectory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
