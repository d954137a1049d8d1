namespace Belfry.Storage.Sql;

/// <summary>Statements on <c>alert_policies</c> that every dialect runs as they are.</summary>
internal static class AlertPolicySql
{
    public const string SelectByName = $"SELECT {AlertPolicyRows.Columns} FROM alert_policies p WHERE p.name = @name";

    public const string Delete = "DELETE FROM alert_policies WHERE name = @name";

    /// <summary>A new policy; inserts nothing when the name is taken (bind with AlertPolicyRows.BindPolicy).</summary>
    public const string Insert = """
        INSERT INTO alert_policies (name, project, location, policy_id, display_name, failures, window_ticks, rate_limit_ticks,
                                    channels_json, jobs_json, enabled, create_time, update_time, condition_time)
        VALUES (@name, @project, @location, @policyId, @displayName, @failures, @window, @rateLimit,
                @channels, @jobs, @enabled, @createTime, @updateTime, @conditionTime)
        ON CONFLICT (name) DO NOTHING
        """;

    /// <summary>One page of a location's policies by id, after @after, @limit rows.</summary>
    public const string ListPage = $"""
        SELECT {AlertPolicyRows.Columns} FROM alert_policies p
        WHERE p.project = @project AND p.location = @location AND p.policy_id > @after
        ORDER BY p.policy_id
        LIMIT @limit
        """;

    /// <summary>Replaces the definition; the status is the evaluator's and is kept.</summary>
    public const string Update = """
        UPDATE alert_policies SET display_name = @displayName, failures = @failures, window_ticks = @window,
            rate_limit_ticks = @rateLimit, channels_json = @channels, jobs_json = @jobs, enabled = @enabled,
            update_time = @updateTime, condition_time = @conditionTime
        WHERE name = @name
        """;

    /// <summary>Every policy, by name (<see cref="AlertPolicyRows.Columns"/>).</summary>
    public const string ListAll = $"SELECT {AlertPolicyRows.Columns} FROM alert_policies p ORDER BY p.name";

    /// <summary>The evaluator's status of policy @name.</summary>
    public const string StoreStatus = """
        UPDATE alert_policies SET firing = @firing, firing_since = @firingSince, last_notify_time = @lastNotify WHERE name = @name
        """;

    /// <summary>
    /// Executions of jobs named between @prefix and @prefixEnd that failed after their last retry in (@from, @now],
    /// newest first, @max of them: job, id, schedule time, finish time.
    /// </summary>
    public const string RecentFailures = """
        SELECT e.job_name, e.id, e.schedule_time, e.finish_time FROM executions e
        WHERE e.state = 3 /* Failed */ AND e.finish_time > @from AND e.finish_time <= @now
          AND e.job_name > @prefix AND e.job_name < @prefixEnd
          AND EXISTS (SELECT 1 FROM jobs j WHERE j.name = e.job_name AND j.uid = e.job_uid) /* not a deleted job's */
        ORDER BY e.finish_time DESC
        LIMIT @max
        """;
}
