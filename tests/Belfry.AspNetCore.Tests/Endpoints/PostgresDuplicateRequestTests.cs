using Belfry.AspNetCore.Tests.Infrastructure;

namespace Belfry.AspNetCore.Tests.Endpoints;

/// <summary>Duplicate requests against the PostgreSQL ledger on a real server started by the tests.</summary>
public sealed class PostgresDuplicateRequestTests(PostgresLedgerDatabase database)
    : DuplicateRequestTests, IClassFixture<PostgresLedgerDatabase>
{
    protected override async Task<Action<BelfryBatchOptions>> LedgerAsync()
    {
        var connectionString = await database.GetConnectionStringAsync();
        return options => options.UsePostgresLedger(connectionString);
    }
}
