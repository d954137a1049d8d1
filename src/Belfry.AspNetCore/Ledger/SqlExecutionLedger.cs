using System.Data.Common;
using System.Globalization;

namespace Belfry.AspNetCore.Ledger;

/// <summary>
/// The ledger logic both dialects share (Quartz-style): the statements of <see cref="LedgerSql"/>, parameter binding
/// and row reading. A dialect supplies connections, how it writes (SQLite serialises writers), its schema script and
/// how it stores instants and dates. Instants are truncated to microseconds, PostgreSQL's precision, in both.
/// </summary>
internal abstract class SqlExecutionLedger : IExecutionLedger
{
    /// <summary>Longest error message kept; longer ones are cut with an ellipsis.</summary>
    public const int MaxErrorLength = 1000;

    private const int ClaimRounds = 3;
    private readonly SemaphoreSlim _schemaLock = new(1, 1);
    private volatile bool _schemaReady;

    /// <summary>The embedded script's name: <c>Ledger/Sql/{Dialect}.sql</c>.</summary>
    protected abstract string Dialect { get; }

    public static string TruncateError(string error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Length <= MaxErrorLength ? error : error[..(MaxErrorLength - 1)] + "…";
    }

    /// <summary>Creates the table if needed; runs once per instance, and is safe to run from several processes.</summary>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        if (_schemaReady)
        {
            return;
        }

        await _schemaLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_schemaReady)
            {
                await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await ApplySchemaAsync(connection, LoadScript(), cancellationToken).ConfigureAwait(false);
                _schemaReady = true;
            }
        }
        finally
        {
            _schemaLock.Release();
        }
    }

    public async Task<ClaimResult> TryClaimAsync(ClaimRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        var run = request.Run;
        LedgerEntry? entry = null;

        // The row may change between a refused claim and the read that explains it (its holder fails meanwhile, so it
        // is claimable again): claim again a few times before calling it busy.
        for (var round = 0; round < ClaimRounds; round++)
        {
            var claimToken = Guid.NewGuid().ToString("N");
            var epoch = await WriteAsync(
                async (connection, transaction) =>
                {
                    await using var command = Command(connection, transaction, LedgerSql.Claim);
                    AddClaimParameters(command, request, claimToken);
                    var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                    return value is null or DBNull ? (long?)null : Convert.ToInt64(value, CultureInfo.InvariantCulture);
                },
                cancellationToken).ConfigureAwait(false);
            if (epoch is { } claimed)
            {
                return ClaimResult.Claimed(new RunLease(run.JobName, run.RunKey, claimed, claimToken));
            }

            entry = await GetAsync(run.JobName, run.RunKey, cancellationToken).ConfigureAwait(false);
            if (entry?.Status == LedgerStatus.Succeeded)
            {
                return new ClaimResult(ClaimOutcome.AlreadySucceeded, null, entry);
            }

            if (entry is { Status: LedgerStatus.Running, LeaseUntil: { } leaseUntil } && leaseUntil > request.Now)
            {
                return new ClaimResult(ClaimOutcome.Running, null, entry);
            }
        }

        return new ClaimResult(ClaimOutcome.Running, null, entry);
    }

    public Task<bool> RenewAsync(RunLease lease, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
        FencedUpdateAsync(LedgerSql.Renew, lease, command => Add(command, "@lease_until", TimeValue(Micro(leaseUntil))), cancellationToken);

    public Task<bool> CompleteAsync(RunLease lease, DateTimeOffset finishedAt, long rowCount, CancellationToken cancellationToken) =>
        FencedUpdateAsync(
            LedgerSql.Complete,
            lease,
            command =>
            {
                Add(command, "@now", TimeValue(Micro(finishedAt)));
                Add(command, "@row_count", rowCount);
            },
            cancellationToken);

    public Task<bool> FailAsync(RunLease lease, DateTimeOffset finishedAt, string error, CancellationToken cancellationToken) =>
        FencedUpdateAsync(
            LedgerSql.Fail,
            lease,
            command =>
            {
                Add(command, "@now", TimeValue(Micro(finishedAt)));
                Add(command, "@error_msg", TruncateError(error));
            },
            cancellationToken);

    public async Task<LedgerEntry?> GetAsync(string jobName, string runKey, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, LedgerSql.Get);
        Add(command, "@job_name", jobName);
        Add(command, "@run_key", runKey);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadEntry(reader) : null;
    }

    public virtual ValueTask DisposeAsync()
    {
        _schemaLock.Dispose();
        return ValueTask.CompletedTask;
    }

    protected abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Runs one write: SQLite serialises it behind <c>BEGIN IMMEDIATE</c>; PostgreSQL runs it as is.</summary>
    protected abstract Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction?, Task<T>> work, CancellationToken cancellationToken);

    protected abstract Task ApplySchemaAsync(DbConnection connection, string script, CancellationToken cancellationToken);

    protected abstract object TimeValue(DateTimeOffset utc);

    protected abstract DateTimeOffset ReadTime(DbDataReader reader, int ordinal);

    protected abstract object DateValue(DateOnly date);

    protected abstract DateOnly ReadDate(DbDataReader reader, int ordinal);

    protected static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    protected static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    private static DateTimeOffset Micro(DateTimeOffset value)
    {
        var ticks = value.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % 10), TimeSpan.Zero);
    }

    private static string TriggerText(BatchTrigger trigger) => trigger switch
    {
        BatchTrigger.Manual => "manual",
        BatchTrigger.CatchUp => "catch_up",
        _ => "scheduled",
    };

    private static LedgerStatus ParseStatus(string status) => status switch
    {
        "running" => LedgerStatus.Running,
        "succeeded" => LedgerStatus.Succeeded,
        "failed" => LedgerStatus.Failed,
        _ => throw new InvalidDataException($"Unknown job_executions.status '{status}'."),
    };

    private string LoadScript()
    {
        var name = $"Belfry.AspNetCore.Ledger.{Dialect}.sql";
        using var stream = typeof(SqlExecutionLedger).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded schema {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private void AddClaimParameters(DbCommand command, ClaimRequest request, string claimToken)
    {
        var run = request.Run;
        Add(command, "@job_id", run.JobId);
        Add(command, "@job_name", run.JobName);
        Add(command, "@run_date", DateValue(run.RunDate));
        Add(command, "@run_key", run.RunKey);
        Add(command, "@now", TimeValue(Micro(request.Now)));
        Add(command, "@lease_until", TimeValue(Micro(request.LeaseUntil)));
        Add(command, "@attempt", run.Attempt);
        Add(command, "@scheduler_epoch", run.Epoch);
        Add(command, "@claim_token", claimToken);
        Add(command, "@trigger", TriggerText(run.Trigger));
        Add(command, "@execution_id", run.ExecutionId);
    }

    private async Task<bool> FencedUpdateAsync(string sql, RunLease lease, Action<DbCommand> bind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        var changed = await WriteAsync(
            async (connection, transaction) =>
            {
                await using var command = Command(connection, transaction, sql);
                bind(command);
                Add(command, "@job_name", lease.JobName);
                Add(command, "@run_key", lease.RunKey);
                Add(command, "@epoch", lease.Epoch);
                Add(command, "@claim_token", lease.ClaimToken);
                return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
        return changed == 1;
    }

    private LedgerEntry ReadEntry(DbDataReader reader) => new()
    {
        JobId = reader.GetString(0),
        JobName = reader.GetString(1),
        RunDate = ReadDate(reader, 2),
        RunKey = reader.GetString(3),
        Status = ParseStatus(reader.GetString(4)),
        StartedAt = ReadTime(reader, 5),
        FinishedAt = reader.IsDBNull(6) ? null : ReadTime(reader, 6),
        ErrorMessage = reader.IsDBNull(7) ? null : reader.GetString(7),
        RowCount = reader.IsDBNull(8) ? null : reader.GetInt64(8),
        LeaseUntil = reader.IsDBNull(9) ? null : ReadTime(reader, 9),
        Attempt = reader.IsDBNull(10) ? null : reader.GetInt32(10),
        SchedulerEpoch = reader.IsDBNull(11) ? null : reader.GetInt64(11),
        Epoch = reader.GetInt64(12),
        ClaimToken = reader.GetString(13),
        Trigger = reader.GetString(14),
        ExecutionId = reader.IsDBNull(15) ? null : reader.GetString(15),
    };
}
