namespace Belfry.Storage.Sql;

/// <summary>
/// Statements on <c>pipeline_runs</c> and <c>pipeline_run_steps</c> (docs/pipelines.md, "Runs"), built once per dialect
/// (<see cref="SqlStatements"/>).
/// </summary>
internal sealed class PipelineRunSql
{
    /// <summary>Sets the Running step of execution @id to @state; returns its run id and step id, or no row when it is not current.</summary>
    public const string EndStep = """
        UPDATE pipeline_run_steps SET state = @state
        WHERE execution_id = @id AND state = 1 /* Running */
        RETURNING run_id, step_id
        """;

    /// <summary>The Running run @run with its steps in order: pipeline, schedule time, trigger, step id, dependencies, state.</summary>
    public const string RunningRunSteps = """
        SELECT r.pipeline_name, r.schedule_time, r.trigger, s.step_id, s.depends_on_json, s.state
        FROM pipeline_runs r JOIN pipeline_run_steps s ON s.run_id = r.id
        WHERE r.id = @run AND r.state = 1 /* Running */
        ORDER BY s.position
        """;

    public const string FinishRun = """
        UPDATE pipeline_runs SET state = @state, finish_time = @finishTime WHERE id = @run
        """;

    /// <summary>Sets step @step of run @run to @state, and to execution @execution when that is not null.</summary>
    public const string SetStep = """
        UPDATE pipeline_run_steps SET state = @state, execution_id = coalesce(@execution, execution_id)
        WHERE run_id = @run AND step_id = @step
        """;

    /// <summary>Links execution @execution to step @step of run @run: the run's history keeps every execution a step was given.</summary>
    public const string InsertStepExecution = """
        INSERT INTO pipeline_step_executions (execution_id, run_id, step_id) VALUES (@execution, @run, @step)
        """;

    /// <summary>The pipeline @name's state, deferred time, and whether a run is Running.</summary>
    public const string DeferredTime = """
        SELECT p.state, p.deferred_time,
            EXISTS (SELECT 1 FROM pipeline_runs r WHERE r.pipeline_name = p.name AND r.state = 1 /* Running */)
        FROM pipelines p WHERE p.name = @name
        """;

    public const string ClearDeferredTime = """
        UPDATE pipelines SET deferred_time = NULL, version = version + 1 WHERE name = @name
        """;

    public const string Graph = "SELECT steps_json FROM pipelines WHERE name = @name";

    public const string InsertRun = """
        INSERT INTO pipeline_runs (id, pipeline_name, schedule_time, trigger, state, create_time)
        VALUES (@id, @pipeline, @scheduleTime, @trigger, 1 /* Running */, @now)
        """;

    public const string InsertStep = """
        INSERT INTO pipeline_run_steps (run_id, step_id, position, depends_on_json, state)
        VALUES (@run, @step, @position, @dependsOn, 0 /* Pending */)
        """;

    /// <summary>What a failed step's notice needs: the pipeline's routes and zone, the run's schedule time and trigger, the attempts.</summary>
    public const string StepFailed = """
        SELECT p.notify_json, p.time_zone, r.schedule_time, r.trigger, e.attempt_count
        FROM pipeline_runs r JOIN pipelines p ON p.name = r.pipeline_name JOIN executions e ON e.id = @execution
        WHERE r.id = @run
        """;

    /// <summary>One page of the pipeline @name's run ids, newest first, before @beforeRunId (null: from the newest), @limit rows.</summary>
    public const string ListIds = """
        SELECT id FROM pipeline_runs WHERE pipeline_name = @name AND (@beforeRunId IS NULL OR id < @beforeRunId)
        ORDER BY id DESC LIMIT @limit
        """;

    /// <summary>The pipeline @name's overlap policy and its Running runs.</summary>
    public const string Overlap = """
        SELECT p.overlap_policy, (SELECT count(*) FROM pipeline_runs r WHERE r.pipeline_name = p.name AND r.state = 1)
        FROM pipelines p WHERE p.name = @name
        """;

    /// <summary>Cancels run @run at @now: its outstanding executions (fenced out), its open steps, the run.</summary>
    public const string Cancel = """
        UPDATE executions SET state = 6 /* Cancelled */, next_attempt_time = NULL, lease_until = NULL, finish_time = @now
        WHERE state IN (0, 1) AND id IN (SELECT execution_id FROM pipeline_run_steps WHERE run_id = @run AND state = 1);
        UPDATE pipeline_run_steps SET state = 5 /* Cancelled */ WHERE run_id = @run AND state IN (0, 1);
        UPDATE pipeline_runs SET state = 4 /* Cancelled */, finish_time = @now WHERE id = @run;
        """;

    /// <summary>The run @id of pipeline @name: schedule time, trigger, state, create time, finish time.</summary>
    public const string SelectRun = """
        SELECT schedule_time, trigger, state, create_time, finish_time FROM pipeline_runs WHERE id = @id AND pipeline_name = @name
        """;

    /// <summary>The run @id's steps in order: step id, dependencies, state, then the step's execution (<see cref="ExecutionRows.Columns"/>, NULLs when none).</summary>
    public const string SelectRunSteps = $"""
        SELECT s.step_id, s.depends_on_json, s.state, {ExecutionRows.Columns}
        FROM pipeline_run_steps s LEFT JOIN executions e ON e.id = s.execution_id
        WHERE s.run_id = @id ORDER BY s.position
        """;

    /// <summary>
    /// Every execution the run @id gave its steps, the replaced ones included (migration 0012), oldest first by
    /// creation time: step id, then <see cref="ExecutionRows.Columns"/>. Two created in one instant (UUIDv7 ids are
    /// not ordered within a millisecond) are put in order by the reader, which knows the current one.
    /// </summary>
    public const string SelectRunExecutions = $"""
        SELECT x.step_id, {ExecutionRows.Columns}
        FROM pipeline_step_executions x JOIN executions e ON e.id = x.execution_id
        WHERE x.run_id = @id ORDER BY e.create_time, e.id
        """;

    /// <summary>
    /// What a succeeded run's recovery notice needs: the pipeline @name's routes and zone, and whether any step execution
    /// of run @run failed after its last retry (a run that succeeds after one has recovered).
    /// </summary>
    public const string RunRecovered = """
        SELECT p.notify_json, p.time_zone,
            EXISTS (SELECT 1 FROM pipeline_step_executions x JOIN executions e ON e.id = x.execution_id
                    WHERE x.run_id = @run AND e.state = 3 /* Failed */)
        FROM pipelines p WHERE p.name = @name
        """;

    public PipelineRunSql(SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        var rowLock = dialect.RowLock is { Length: > 0 } clause ? " " + clause : "";
        LockRun = $"SELECT id FROM pipeline_runs WHERE id = @run{rowLock}";
        LockPipeline = $"SELECT name FROM pipelines WHERE name = @name{rowLock}";
        StepsOf = $"""
            SELECT s.execution_id, r.pipeline_name, s.run_id, s.step_id
            FROM pipeline_run_steps s JOIN pipeline_runs r ON r.id = s.run_id
            WHERE {dialect.InIdList("s.execution_id", "@ids")}
            """;
        Resume = $"""
            UPDATE pipeline_run_steps SET state = 0 /* Pending */, execution_id = NULL
            WHERE run_id = @run AND {dialect.InIdList("step_id", "@steps")};
            UPDATE pipeline_runs SET state = 1 /* Running */, finish_time = NULL WHERE id = @run;
            """;

        // By finish time through pipeline_runs_finished (migration 0010).
        Expired = $"""
            SELECT r.id FROM pipeline_runs r
            WHERE r.state <> 1 /* Running */ AND r.finish_time < @before
              AND NOT EXISTS (SELECT 1 FROM pipeline_run_steps s JOIN executions e ON e.id = s.execution_id
                              WHERE s.run_id = r.id AND e.state IN (0, 1) /* Pending, Running */)
            ORDER BY r.finish_time
            LIMIT @max{dialect.ClaimLockSuffix("r")}
            """;
        // Every execution the runs gave their steps, the replaced ones too (migration 0012).
        var stepExecutions = $"SELECT x.execution_id FROM pipeline_step_executions x WHERE {dialect.InIdList("x.run_id", "@ids")}";
        Delete = $"""
            DELETE FROM attempts WHERE execution_id IN ({stepExecutions});
            DELETE FROM executions WHERE id IN ({stepExecutions});
            DELETE FROM pipeline_step_executions WHERE {dialect.InIdList("run_id", "@ids")};
            DELETE FROM pipeline_run_steps WHERE {dialect.InIdList("run_id", "@ids")};
            DELETE FROM pipeline_runs WHERE {dialect.InIdList("id", "@ids")};
            """;
    }

    /// <summary>
    /// Locks the run @run until the transaction ends (<see cref="SqlDialect.RowLock"/>): two steps of one run that end
    /// on two nodes at once advance it one after the other, the second seeing the first's step, so the run neither
    /// stalls nor dispatches a step twice.
    /// </summary>
    public string LockRun { get; }

    /// <summary>Locks the pipeline @name until the transaction ends, so only one finishing run starts its deferred time.</summary>
    public string LockPipeline { get; }

    /// <summary>The executions in the id list @ids that are pipeline steps: execution id, pipeline, run id, step id.</summary>
    public string StepsOf { get; }

    /// <summary>Sets the steps in the id list @steps of run @run back to Pending, and the run back to Running.</summary>
    public string Resume { get; }

    /// <summary>
    /// The ids of up to @max final runs finished before @before, none of whose step executions is outstanding, oldest
    /// finish first, locked where the dialect claims (<see cref="SqlDialect.ClaimLock"/>).
    /// </summary>
    public string Expired { get; }

    /// <summary>Deletes the runs in the id list @ids: all their step executions (replaced ones too) and attempts, their steps, the runs.</summary>
    public string Delete { get; }
}
