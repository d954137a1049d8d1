namespace Belfry.AspNetCore.Ledger;

/// <summary>Builds the ledger the options chose.</summary>
internal static class LedgerFactory
{
    public static SqlExecutionLedger Create(LedgerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Kind switch
        {
            LedgerKind.Sqlite => new SqliteExecutionLedger(settings.Connection),
            LedgerKind.Postgres => new PostgresExecutionLedger(settings.Connection),
            _ => throw new ArgumentOutOfRangeException(nameof(settings), settings.Kind, "Unknown ledger kind."),
        };
    }
}
