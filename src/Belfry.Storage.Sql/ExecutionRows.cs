using System.Data.Common;
using Belfry.Core.Executions;
using Belfry.Core.Jobs;

namespace Belfry.Storage.Sql;

/// <summary>The <c>executions</c> and <c>attempts</c> rows: column lists (aliased <c>e</c>), readers, and a new row's values.</summary>
internal static class ExecutionRows
{
    /// <summary>The columns <see cref="Read"/> expects, in order; <see cref="ColumnCount"/> of them.</summary>
    public const string Columns = """
        e.id, e.job_name, e.schedule_time, e.trigger, e.state, e.create_time, e.next_attempt_time,
        e.first_attempt_time, e.finish_time, e.attempt_count, e.epoch, e.last_status_code, e.last_error
        """;

    public const int ColumnCount = 13;

    public const string AttemptColumns =
        "execution_id, number, epoch, start_time, duration_ticks, status_code, error, succeeded, response_excerpt, response_content_type";

    /// <summary>
    /// The columns a new execution's INSERT sets, in this order: the <see cref="New"/> execution's id, job, schedule
    /// time, trigger, state, create time, next attempt time, finish time, attempt count and epoch, then its lease.
    /// </summary>
    public const string InsertColumns = """
        id, job_name, schedule_time, trigger, state, create_time, next_attempt_time,
        finish_time, attempt_count, epoch, lease_until
        """;

    /// <summary>
    /// A new execution's INSERT (<see cref="InsertColumns"/>), positional: prepare it with <see cref="PrepareInsert"/>.
    /// It takes the uid of its job as the job is now, which tells it from a deleted job's history under the same name;
    /// a job that does not exist has none, and the NOT NULL column refuses the row (executions.job_name no longer
    /// references jobs: SQLite migration 0011, PostgreSQL 0005).
    /// </summary>
    public const string Insert = $"""
        INSERT INTO executions ({InsertColumns}, job_uid)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, (SELECT j.uid FROM jobs j WHERE j.name = ?2))
        """;

    /// <summary>A new execution's epoch; each lease takeover raises it by one.</summary>
    public const long InitialEpoch = 1;

    /// <summary>
    /// A new execution, as its <see cref="InsertColumns"/> store it: Pending and due at <paramref name="nextAttemptTime"/>,
    /// or final (Skipped, Missed) when that is null, finished at <paramref name="now"/>; or, with
    /// <paramref name="leased"/>, Running: claimed for its first attempt, due at <paramref name="nextAttemptTime"/>.
    /// </summary>
    public static Execution New(
        JobName job, DateTimeOffset scheduleTime, ExecutionTrigger trigger, ExecutionState state,
        DateTimeOffset now, DateTimeOffset? nextAttemptTime, bool leased) => new()
    {
        Id = Guid.CreateVersion7(now).ToString("N"),
        Job = job,
        ScheduleTime = scheduleTime.ToOffset(TimeSpan.Zero),
        Trigger = trigger,
        State = state,
        CreateTime = now.ToOffset(TimeSpan.Zero),
        NextAttemptTime = nextAttemptTime?.ToOffset(TimeSpan.Zero),
        FinishTime = nextAttemptTime is null ? now.ToOffset(TimeSpan.Zero) : null,
        AttemptCount = leased ? 1 : 0,
        Epoch = InitialEpoch,
    };

    /// <summary>
    /// A prepared INSERT of a new execution (<see cref="InsertColumns"/>), which planning and claims run per row
    /// (bench/README.md, "What limits Belfry"); fill it with <see cref="SetInsertValues"/> and execute, per row.
    /// </summary>
    public static SqlStatement PrepareInsert(StoreTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return transaction.Prepare(Insert);
    }

    /// <summary>
    /// Fills a <see cref="PrepareInsert"/> statement with a <see cref="New"/> execution, Running and leased until
    /// <paramref name="leaseUntil"/> when that is given, and returns the execution.
    /// </summary>
    public static Execution SetInsertValues(
        SqlStatement insert, JobName job, DateTimeOffset scheduleTime, ExecutionTrigger trigger, ExecutionState state,
        DateTimeOffset now, DateTimeOffset? nextAttemptTime, DateTimeOffset? leaseUntil = null)
    {
        ArgumentNullException.ThrowIfNull(insert);
        (scheduleTime, now) = (insert.Stored(scheduleTime), insert.Stored(now));
        nextAttemptTime = nextAttemptTime is { } next ? insert.Stored(next) : null;
        var execution = New(job, scheduleTime, trigger, state, now, nextAttemptTime, leased: leaseUntil is not null);
        insert
            .Bind(1, execution.Id)
            .Bind(2, job.FullName)
            .BindInstant(3, scheduleTime)
            .Bind(4, (int)trigger)
            .Bind(5, (int)state)
            .BindInstant(6, now)
            .BindInstant(7, nextAttemptTime)
            .BindInstant(8, execution.FinishTime)
            .Bind(9, execution.AttemptCount)
            .Bind(10, execution.Epoch)
            .BindInstant(11, leaseUntil);
        return execution;
    }

    /// <summary>Reads an execution (without attempts) whose <see cref="Columns"/> start at <paramref name="first"/>.</summary>
    public static Execution Read(DbDataReader reader, int first, SqlDialect dialect, JobName? job = null)
    {
        int At(int column) => first + column;
        return new Execution
        {
            Id = reader.GetString(At(0)),
            Job = job ?? ParseJobName(reader.GetString(At(1))),
            ScheduleTime = dialect.ReadInstant(reader, At(2)),
            Trigger = (ExecutionTrigger)reader.GetInt32(At(3)),
            State = (ExecutionState)reader.GetInt32(At(4)),
            CreateTime = dialect.ReadInstant(reader, At(5)),
            NextAttemptTime = dialect.ReadNullableInstant(reader, At(6)),
            FirstAttemptTime = dialect.ReadNullableInstant(reader, At(7)),
            FinishTime = dialect.ReadNullableInstant(reader, At(8)),
            AttemptCount = reader.GetInt32(At(9)),
            Epoch = reader.GetInt64(At(10)),
            LastStatusCode = SqlValues.ReadNullableInt32(reader, At(11)),
            LastError = SqlValues.ReadNullableString(reader, At(12)),
        };
    }

    /// <summary>Reads an attempt row in <see cref="AttemptColumns"/> order (column 0, the execution id, is the caller's).</summary>
    public static Attempt ReadAttempt(DbDataReader reader, SqlDialect dialect) => new(
        reader.GetInt32(1),
        dialect.ReadInstant(reader, 3),
        SqlValues.ReadDuration(reader, 4),
        SqlValues.ReadNullableInt32(reader, 5),
        SqlValues.ReadNullableString(reader, 6),
        reader.GetBoolean(7),
        reader.GetInt64(2),
        ReadResponse(reader));

    // A success keeps no excerpt, and neither do rows older than the columns (SQLite 0012, PostgreSQL 0006).
    private static ResponseExcerpt? ReadResponse(DbDataReader reader) =>
        SqlValues.ReadNullableString(reader, 8) is var text && SqlValues.ReadNullableString(reader, 9) is var contentType &&
        (text is not null || contentType is not null)
            ? new ResponseExcerpt(text, contentType)
            : null;

    /// <summary>A stored <c>job_name</c>: a user's job or a pipeline step's.</summary>
    public static JobName ParseJobName(string value) =>
        JobName.TryParseStored(value, out var name) ? name : throw new InvalidOperationException($"Stored job name '{value}' is not valid.");
}
