namespace Belfry.Storage.Sql;

/// <summary>Statements of the missed-run check (<c>job_alert_state</c>), built once per dialect (<see cref="SqlStatements"/>).</summary>
internal sealed class MissedRunSql
{
    /// <summary>Stores the job @job's watch: since, watermark, next check and open missed-run alert.</summary>
    public const string StoreWatch = """
        INSERT INTO job_alert_state (job_name, watch_since, watermark, next_check, missed_from)
        VALUES (@job, @since, @watermark, @nextCheck, @missedFrom)
        ON CONFLICT (job_name) DO UPDATE SET watch_since = excluded.watch_since, watermark = excluded.watermark,
            next_check = excluded.next_check, missed_from = excluded.missed_from
        """;

    /// <summary>The job @job's succeeded executions scheduled from @from and finished by @now, @limit of them: schedule and finish time.</summary>
    public const string Successes = """
        SELECT e.schedule_time, e.finish_time FROM executions e
        WHERE e.job_name = @job AND e.job_uid = (SELECT j.uid FROM jobs j WHERE j.name = @job) AND e.schedule_time >= @from AND e.state = 2 /* Succeeded */ AND e.finish_time <= @now
        ORDER BY e.schedule_time, e.id
        LIMIT @limit
        """;

    public MissedRunSql(SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        Watched = $"""
            SELECT {JobRows.Columns}, s.watch_since, s.watermark, s.missed_from
            FROM jobs j
            LEFT JOIN job_alert_state s ON s.job_name = j.name
            WHERE j.state = 1 /* Enabled */ AND j.missed_run_deadline_ticks IS NOT NULL
              AND ({dialect.IsDistinctFrom("s.watch_since", "coalesce(j.missed_run_since, j.user_update_time)")}
                   OR s.next_check <= @now OR s.missed_from IS NOT NULL)
            ORDER BY coalesce(s.next_check, {dialect.EarliestInstant}), j.name
            LIMIT @max
            """;
    }

    /// <summary>
    /// Watched jobs whose bookmark is due at @now, new or restarted (resume, a new schedule or deadline), or whose
    /// missed-run alert is open, @max of them: <see cref="JobRows.Columns"/>, then watch since, watermark, missed from.
    /// </summary>
    public string Watched { get; }
}
