using Belfry.Core.Executions;
using Belfry.Core.Jobs;
using Microsoft.Data.Sqlite;

namespace Belfry.Storage.Sqlite;

/// <summary>The <c>executions</c> and <c>attempts</c> rows: column lists (aliased <c>e</c>), readers, and the insert.</summary>
internal static class ExecutionRows
{
    /// <summary>The columns <see cref="Read"/> expects, in order; <see cref="ColumnCount"/> of them.</summary>
    public const string Columns = """
        e.id, e.job_name, e.schedule_time, e.trigger, e.state, e.create_time, e.next_attempt_time,
        e.first_attempt_time, e.finish_time, e.attempt_count, e.epoch, e.last_status_code, e.last_error
        """;

    public const int ColumnCount = 13;

    public const string AttemptColumns = "execution_id, number, epoch, start_time, duration_ticks, status_code, error, succeeded";

    /// <summary>A new execution's epoch; each lease takeover raises it by one.</summary>
    public const long InitialEpoch = 1;

    public const string Insert = """
        INSERT INTO executions (id, job_name, schedule_time, trigger, state, create_time, next_attempt_time,
                                finish_time, attempt_count, epoch, lease_until)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
        """;

    /// <summary>A prepared <see cref="Insert"/>; fill it with <see cref="SetInsertValues"/> and execute, per row.</summary>
    public static SqliteStatement PrepareInsert(SqliteConnection connection) => new(connection, Insert);

    /// <summary>
    /// Fills a <see cref="PrepareInsert"/> statement for a new execution: Pending and due at
    /// <paramref name="nextAttemptTime"/>, or final (Skipped, Missed) when that is null, finished at <paramref name="now"/>;
    /// or, with <paramref name="leaseUntil"/>, Running: claimed for its first attempt, due at <paramref name="nextAttemptTime"/>.
    /// </summary>
    public static Execution SetInsertValues(
        SqliteStatement insert, JobName job, DateTimeOffset scheduleTime, ExecutionTrigger trigger, ExecutionState state,
        DateTimeOffset now, DateTimeOffset? nextAttemptTime, DateTimeOffset? leaseUntil = null)
    {
        ArgumentNullException.ThrowIfNull(insert);
        var execution = new Execution
        {
            Id = Guid.CreateVersion7(now).ToString("N"),
            Job = job,
            ScheduleTime = scheduleTime.ToOffset(TimeSpan.Zero),
            Trigger = trigger,
            State = state,
            CreateTime = now.ToOffset(TimeSpan.Zero),
            NextAttemptTime = nextAttemptTime?.ToOffset(TimeSpan.Zero),
            FinishTime = nextAttemptTime is null ? now.ToOffset(TimeSpan.Zero) : null,
            AttemptCount = leaseUntil is null ? 0 : 1,
            Epoch = InitialEpoch,
        };
        insert
            .Bind(1, execution.Id)
            .Bind(2, job.FullName)
            .Bind(3, scheduleTime.UtcTicks)
            .Bind(4, (int)trigger)
            .Bind(5, (int)state)
            .Bind(6, now.UtcTicks)
            .Bind(7, nextAttemptTime?.UtcTicks)
            .Bind(8, execution.FinishTime?.UtcTicks)
            .Bind(9, execution.AttemptCount)
            .Bind(10, execution.Epoch)
            .Bind(11, leaseUntil?.UtcTicks);
        return execution;
    }

    /// <summary>Reads an execution (without attempts) whose <see cref="Columns"/> start at <paramref name="first"/>.</summary>
    public static Execution Read(SqliteDataReader reader, int first, JobName? job = null)
    {
        int At(int column) => first + column;
        return new Execution
        {
            Id = reader.GetString(At(0)),
            Job = job ?? ParseJobName(reader.GetString(At(1))),
            ScheduleTime = SqliteValues.ReadInstant(reader, At(2)),
            Trigger = (ExecutionTrigger)reader.GetInt32(At(3)),
            State = (ExecutionState)reader.GetInt32(At(4)),
            CreateTime = SqliteValues.ReadInstant(reader, At(5)),
            NextAttemptTime = SqliteValues.ReadNullableInstant(reader, At(6)),
            FirstAttemptTime = SqliteValues.ReadNullableInstant(reader, At(7)),
            FinishTime = SqliteValues.ReadNullableInstant(reader, At(8)),
            AttemptCount = reader.GetInt32(At(9)),
            Epoch = reader.GetInt64(At(10)),
            LastStatusCode = SqliteValues.ReadNullableInt32(reader, At(11)),
            LastError = SqliteValues.ReadNullableString(reader, At(12)),
        };
    }

    /// <summary>Reads an attempt row in <see cref="AttemptColumns"/> order (column 0, the execution id, is the caller's).</summary>
    public static Attempt ReadAttempt(SqliteDataReader reader) => new(
        reader.GetInt32(1),
        SqliteValues.ReadInstant(reader, 3),
        SqliteValues.ReadDuration(reader, 4),
        SqliteValues.ReadNullableInt32(reader, 5),
        SqliteValues.ReadNullableString(reader, 6),
        reader.GetBoolean(7),
        reader.GetInt64(2));

    private static JobName ParseJobName(string value) =>
        JobName.TryParseStored(value, out var name) ? name : throw new InvalidOperationException($"Stored job name '{value}' is not valid.");
}
