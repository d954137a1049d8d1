namespace Belfry.Storage.Sql;

/// <summary>
/// Statements on <c>notification_outbox</c>: the constants every dialect runs as they are, the claim built once per
/// dialect (<see cref="SqlStatements"/>).
/// </summary>
internal sealed class OutboxSql
{
    /// <summary>One event for one channel, Pending and due at @now.</summary>
    public const string Insert = """
        INSERT INTO notification_outbox (id, channel_name, event_kind, event_json, state, create_time, attempt_count, next_attempt_time)
        VALUES (@id, @channel, @kind, @json, 0 /* Pending */, @now, 0, @now)
        """;

    /// <summary>Records try @attempt of event @id, fenced on it still being that try and Sending.</summary>
    public const string Record = """
        UPDATE notification_outbox SET
            state = @state,
            next_attempt_time = @nextAttemptTime,
            lease_until = NULL,
            last_status_code = @statusCode,
            last_error = @error,
            finish_time = @finishTime,
            last_try_time = @now
        WHERE id = @id AND state = 1 /* Sending */ AND attempt_count = @attempt
        """;

    /// <summary>Moves the Pending events of channel @channel due before @until to @until (a receiver's pause).</summary>
    public const string Postpone = """
        UPDATE notification_outbox SET next_attempt_time = @until
        WHERE channel_name = @channel AND state = 0 /* Pending */ AND next_attempt_time < @until
        """;

    /// <summary>The earliest retry or lease expiry, or NULL.</summary>
    public const string NextDue = """
        SELECT min(due) FROM (
            SELECT min(next_attempt_time) AS due FROM notification_outbox WHERE state = 0 /* Pending */
            UNION ALL
            SELECT min(lease_until) FROM notification_outbox WHERE state = 1 /* Sending */
        ) AS next_due
        """;

    /// <summary>
    /// Up to @max channels with failing events, newest failure first: channel, retrying, given up, the newest failed
    /// try's time, status code and error. Retrying: Pending or Sending after a failed try (it left an error). Given up:
    /// Failed at or after @since and after the channel's newest delivery, found by one seek each on
    /// notification_outbox_finished_by_channel (the repeated <c>state IN (2, 3)</c> lets SQLite use that partial index).
    /// Rows older than migration 0015 have no try time: dated by their create or finish time.
    /// </summary>
    public const string FailingChannels = """
        SELECT channel_name, retrying, given_up, failed_at, last_status_code, last_error FROM (
            SELECT channel_name, failed_at, last_status_code, last_error,
                sum(retrying) OVER (PARTITION BY channel_name) AS retrying,
                count(*) OVER (PARTITION BY channel_name) - sum(retrying) OVER (PARTITION BY channel_name) AS given_up,
                row_number() OVER (PARTITION BY channel_name ORDER BY failed_at DESC, id DESC) AS newest
            FROM (
                SELECT id, channel_name, 1 AS retrying, coalesce(last_try_time, create_time) AS failed_at, last_status_code, last_error
                FROM notification_outbox
                WHERE state IN (0, 1) AND last_error IS NOT NULL
                UNION ALL
                SELECT f.id, f.channel_name, 0, coalesce(f.last_try_time, f.finish_time), f.last_status_code, f.last_error
                FROM notification_outbox f
                WHERE f.state IN (2, 3) AND f.state = 3 /* Failed */ AND f.finish_time >= @since
                  AND NOT EXISTS (
                      SELECT 1 FROM notification_outbox d
                      WHERE d.state IN (2, 3) AND d.state = 2 /* Delivered */ AND d.channel_name = f.channel_name
                        AND d.finish_time > f.finish_time)
            ) AS failing
        ) AS ranked
        WHERE newest = 1
        ORDER BY failed_at DESC, channel_name
        LIMIT @max
        """;

    /// <summary>Deletes up to @max delivered or failed events finished before @before.</summary>
    public const string Purge = """
        DELETE FROM notification_outbox WHERE id IN (
            SELECT id FROM notification_outbox WHERE state IN (2, 3) AND finish_time < @before LIMIT @max)
        """;

    public OutboxSql(SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        var order = dialect.OutboxInsertOrder;
        Claim = $"""
            UPDATE notification_outbox SET
                state = 1 /* Sending */,
                attempt_count = attempt_count + 1,
                next_attempt_time = NULL,
                lease_until = @leaseUntil
            WHERE id IN (
                SELECT id FROM notification_outbox
                WHERE (state = 0 /* Pending */ AND next_attempt_time <= @now)
                   OR (state = 1 /* Sending */ AND lease_until <= @now)
                ORDER BY CASE state WHEN 0 THEN next_attempt_time ELSE lease_until END, {order}
                LIMIT @max{dialect.ClaimLockSuffix("notification_outbox")})
            RETURNING id, channel_name, event_json, attempt_count, create_time, lease_until, {order}
            """;

        // The id list finds the rows by key; the id:try list fences each on the try it was claimed at, as records are.
        var held = $"""
            {dialect.InIdList("id", "@ids")}
              AND {dialect.InIdList("id || ':' || CAST(attempt_count AS TEXT)", "@keys")}
              AND state = 1 /* Sending */
            """;
        RenewLeases = $"""
            UPDATE notification_outbox SET lease_until = {dialect.Greatest("lease_until", "@leaseUntil")}
            WHERE {held}
            RETURNING id
            """;
        Release = $"""
            UPDATE notification_outbox SET
                state = 0 /* Pending */,
                attempt_count = attempt_count - 1,
                next_attempt_time = @until,
                lease_until = NULL
            WHERE {held}
            """;
    }

    /// <summary>
    /// Claims up to @max events due at @now (Pending and due, or Sending with a lapsed lease), leased until
    /// @leaseUntil: id, channel, event, attempt count, create time, lease, enqueue order (RETURNING has no order).
    /// </summary>
    public string Claim { get; }

    /// <summary>
    /// Extends to @leaseUntil the leases of the events in @ids still Sending at the try in @keys ("id:try"), never
    /// shortening one; returns the ids renewed.
    /// </summary>
    public string RenewLeases { get; }

    /// <summary>
    /// Gives back the events in @ids still Sending at the try in @keys ("id:try"), never sent: Pending at @until, the try
    /// uncounted. Safe for fencing: only this holder had that try, and it drops the row, so the number is free again.
    /// </summary>
    public string Release { get; }
}
