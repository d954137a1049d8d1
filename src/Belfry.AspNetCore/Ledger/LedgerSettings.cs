namespace Belfry.AspNetCore.Ledger;

/// <summary>Which ledger the options chose: a SQLite file path or a PostgreSQL connection string.</summary>
internal sealed record LedgerSettings(LedgerKind Kind, string Connection);
