namespace Belfry.AspNetCore.Tests.Endpoints;

/// <summary>Duplicate requests against the SQLite ledger (the host's default: a file in a temporary directory).</summary>
public sealed class SqliteDuplicateRequestTests : DuplicateRequestTests
{
    protected override Task<Action<BelfryBatchOptions>> LedgerAsync() => Task.FromResult<Action<BelfryBatchOptions>>(_ => { });
}
