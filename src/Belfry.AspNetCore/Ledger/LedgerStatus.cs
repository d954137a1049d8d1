namespace Belfry.AspNetCore.Ledger;

/// <summary>The <c>status</c> column: <c>running</c>, <c>succeeded</c> or <c>failed</c>.</summary>
internal enum LedgerStatus
{
    Running,
    Succeeded,
    Failed,
}
