using Belfry.Storage.ContractTests;

namespace Belfry.Storage.Sqlite.Tests;

/// <summary>The store contract against a real SQLite file in a fresh temporary directory per test.</summary>
public sealed class SqliteJobStoreContractTests : JobStoreContractTests
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("belfry-sqlite-").FullName;
    private SqliteJobStore? _store;

    protected override object? ChangeFeed => _store?.Changes;

    protected override async Task<IAsyncDisposable> OpenStoreAsync(TimeProvider timeProvider) =>
        _store = await SqliteJobStore.OpenAsync(_dataDirectory, timeProvider, TestContext.Current.CancellationToken);

    protected override ValueTask CleanupAsync()
    {
        Directory.Delete(_dataDirectory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
