using Belfry.AspNetCore.Ledger;

namespace Belfry.AspNetCore.Tests.Ledger;

/// <summary>The ledger contract against a real SQLite file in a fresh temporary directory per test.</summary>
public sealed class SqliteExecutionLedgerTests : ExecutionLedgerContractTests
{
    private readonly string _directory = Directory.CreateTempSubdirectory("belfry-ledger-").FullName;

    internal override Task<SqlExecutionLedger> OpenLedgerAsync() =>
        Task.FromResult<SqlExecutionLedger>(new SqliteExecutionLedger(Path.Combine(_directory, "sub", "ledger.db")));

    protected override ValueTask CleanupAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
