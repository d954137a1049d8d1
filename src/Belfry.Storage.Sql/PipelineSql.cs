namespace Belfry.Storage.Sql;

/// <summary>Statements on <c>pipelines</c> that every dialect runs as they are.</summary>
internal static class PipelineSql
{
    /// <summary>A new pipeline at version 1; inserts nothing when the name is taken (bind with PipelineRows.BindPipeline).</summary>
    public const string Insert = """
        INSERT INTO pipelines (name, project, location, pipeline_id, deferred_time, version,
            description, schedule, time_zone, steps_json, overlap_policy, catch_up_policy, catch_up_window_ticks,
            notify_json, state, schedule_time, user_update_time)
        VALUES (@name, @project, @location, @pipelineId, NULL, 1,
            @description, @schedule, @timeZone, @stepsJson, @overlapPolicy, @catchUpPolicy, @catchUpWindow,
            @notifyJson, @state, @scheduleTime, @userUpdateTime)
        ON CONFLICT (name) DO NOTHING
        """;

    /// <summary>One page of a location's pipeline ids, after @after, @limit rows.</summary>
    public const string ListIds = """
        SELECT pipeline_id FROM pipelines
        WHERE project = @project AND location = @location AND pipeline_id > @after
        ORDER BY pipeline_id LIMIT @limit
        """;

    /// <summary>A user's update, fenced on @version; a pipeline no longer Enabled drops its deferred time.</summary>
    public const string Update = $"""
        UPDATE pipelines SET {PipelineRows.UpdatableAssignments},
            deferred_time = CASE WHEN @state = 1 THEN deferred_time END,
            version = version + 1
        WHERE name = @name AND version = @version
        """;
}
