namespace Belfry.AspNetCore.Ledger;

/// <summary>
/// The statements both dialects share (SQLite ≥ 3.35 and PostgreSQL agree on upsert and RETURNING). All values are
/// parameters, including "now": the database clock is never read.
/// </summary>
internal static class LedgerSql
{
    /// <summary>
    /// The claim, one atomic statement: insert the run, or take over a failed row or a running row whose lease has
    /// passed, bumping the epoch. A row that succeeded, or runs under a live lease, makes the WHERE false and nothing
    /// is returned. This replaces the seed article's check-then-insert, where two duplicates could both pass the check.
    /// </summary>
    public const string Claim = """
        INSERT INTO job_executions (job_id, job_name, run_date, run_key, status, started_at, lease_until,
                                    attempt, scheduler_epoch, epoch, claim_token, trigger, execution_id)
        VALUES (@job_id, @job_name, @run_date, @run_key, 'running', @now, @lease_until,
                @attempt, @scheduler_epoch, 1, @claim_token, @trigger, @execution_id)
        ON CONFLICT (job_name, run_key) DO UPDATE SET
            status = 'running',
            started_at = excluded.started_at,
            finished_at = NULL,
            error_msg = NULL,
            row_count = NULL,
            lease_until = excluded.lease_until,
            attempt = excluded.attempt,
            scheduler_epoch = excluded.scheduler_epoch,
            epoch = job_executions.epoch + 1,
            claim_token = excluded.claim_token,
            trigger = excluded.trigger,
            execution_id = excluded.execution_id
        WHERE job_executions.status = 'failed'
           OR (job_executions.status = 'running' AND job_executions.lease_until <= @now)
        RETURNING epoch
        """;

    private const string Fence = """
        WHERE job_name = @job_name AND run_key = @run_key
          AND epoch = @epoch AND claim_token = @claim_token AND status = 'running'
        """;

    public const string Renew = "UPDATE job_executions SET lease_until = @lease_until " + Fence;

    public const string Complete = """
        UPDATE job_executions
        SET status = 'succeeded', finished_at = @now, row_count = @row_count, error_msg = NULL, lease_until = NULL
        """ + "\n" + Fence;

    public const string Fail = """
        UPDATE job_executions
        SET status = 'failed', finished_at = @now, error_msg = @error_msg, row_count = NULL, lease_until = NULL
        """ + "\n" + Fence;

    public const string Get = """
        SELECT job_id, job_name, run_date, run_key, status, started_at, finished_at, error_msg, row_count,
               lease_until, attempt, scheduler_epoch, epoch, claim_token, trigger, execution_id
        FROM job_executions
        WHERE job_name = @job_name AND run_key = @run_key
        """;
}
