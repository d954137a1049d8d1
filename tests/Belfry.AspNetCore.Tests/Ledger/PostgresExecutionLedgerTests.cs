using Belfry.AspNetCore.Ledger;
using Belfry.AspNetCore.Tests.Infrastructure;

namespace Belfry.AspNetCore.Tests.Ledger;

/// <summary>
/// The ledger contract against a real PostgreSQL server (a throwaway cluster, or <c>BELFRY_TEST_POSTGRES</c>): one
/// fresh database for the class, copied from the ledger template. Skipped locally without PostgreSQL; fails on CI.
/// </summary>
public sealed class PostgresExecutionLedgerTests(PostgresLedgerDatabase database)
    : ExecutionLedgerContractTests, IClassFixture<PostgresLedgerDatabase>
{
    internal override async Task<SqlExecutionLedger> OpenLedgerAsync() =>
        new PostgresExecutionLedger(await database.GetConnectionStringAsync());
}
