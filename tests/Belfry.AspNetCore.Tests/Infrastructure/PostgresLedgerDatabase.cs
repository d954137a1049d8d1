using Belfry.AspNetCore.Ledger;
using Belfry.Testing.Postgres;

namespace Belfry.AspNetCore.Tests.Infrastructure;

/// <summary>
/// A class fixture: one fresh PostgreSQL database per test class, copied from a template that holds the ledger's
/// schema (migrated once per process by the ledger's own script). Created on first use from a test, so that an
/// unavailable PostgreSQL skips (locally) or fails (CI) the tests themselves rather than the fixture.
/// </summary>
public sealed class PostgresLedgerDatabase : IAsyncDisposable
{
    private readonly Lazy<Task<PostgresDatabase>> _database = new(CreateAsync);

    public async Task<string> GetConnectionStringAsync() => (await _database.Value).ConnectionString;

    public async ValueTask DisposeAsync()
    {
        if (_database.IsValueCreated && _database.Value.IsCompletedSuccessfully)
        {
            await (await _database.Value).DisposeAsync();
        }
    }

    private static async Task<PostgresDatabase> CreateAsync()
    {
        var server = await PostgresServer.GetAsync();
        var template = await server.EnsureTemplateAsync("belfry_ledger", async connectionString =>
        {
            await using var ledger = new PostgresExecutionLedger(connectionString);
            await ledger.EnsureSchemaAsync(CancellationToken.None);
        });
        return await server.CreateDatabaseAsync(template);
    }
}
