namespace Belfry.AspNetCore.Ledger;

internal enum LedgerKind
{
    Sqlite,
    Postgres,
}
