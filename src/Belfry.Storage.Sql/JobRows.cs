using System.Data.Common;
using Belfry.Core.Jobs;
using Belfry.Core.Retries;

namespace Belfry.Storage.Sql;

/// <summary>The <c>jobs</c> row: its column list (aliased <c>j</c>), how to read it, and how to bind a job's values.</summary>
internal static class JobRows
{
    /// <summary>The columns <see cref="Read"/> expects, in order; <see cref="ColumnCount"/> of them.</summary>
    public const string Columns = """
        j.project, j.location, j.job_id, j.description, j.schedule, j.time_zone,
        j.uri, j.http_method, j.headers_json, j.body, j.oidc_email, j.oidc_audience,
        j.retry_count, j.max_retry_duration_ticks, j.min_backoff_ticks, j.max_backoff_ticks, j.max_doublings,
        j.attempt_deadline_ticks, j.overlap_policy, j.catch_up_policy, j.catch_up_window_ticks,
        j.state, j.status_code, j.status_message, j.schedule_time, j.last_attempt_time, j.user_update_time, j.version,
        j.notify_json, j.missed_run_deadline_ticks, j.missed_run_since, j.definition_version
        """;

    public const int ColumnCount = 32;

    /// <summary>
    /// The ordinal of <c>definition_version</c> in <see cref="Columns"/>: raised by every user write of the definition
    /// or state (<see cref="UpdatableAssignments"/>, a pipeline's step jobs), and by the dispatcher only when planning
    /// leaves the job UPDATE_FAILED (a change of state that a user's update, fenced on it, must see).
    /// </summary>
    public const int DefinitionVersionOrdinal = 31;

    /// <summary>The columns a new job's INSERT sets, with <see cref="InsertValues"/> (bound by <see cref="BindJob"/>): version 1, no deferred time.</summary>
    public const string InsertColumns = """
        name, project, location, job_id, last_attempt_time, deferred_time, version,
            description, schedule, time_zone, uri, http_method, headers_json, body, oidc_email, oidc_audience,
            retry_count, max_retry_duration_ticks, min_backoff_ticks, max_backoff_ticks, max_doublings,
            attempt_deadline_ticks, overlap_policy, catch_up_policy, catch_up_window_ticks,
            state, status_code, status_message, schedule_time, user_update_time,
            notify_json, missed_run_deadline_ticks, missed_run_since
        """;

    public const string InsertValues = """
        @name, @project, @location, @jobId, @lastAttemptTime, NULL, 1,
            @description, @schedule, @timeZone, @uri, @httpMethod, @headersJson, @body, @oidcEmail, @oidcAudience,
            @retryCount, @maxRetryDuration, @minBackoff, @maxBackoff, @maxDoublings,
            @attemptDeadline, @overlapPolicy, @catchUpPolicy, @catchUpWindow,
            @state, @statusCode, @statusMessage, @scheduleTime, @userUpdateTime,
            @notifyJson, @missedRunDeadline, @missedRunSince
        """;

    /// <summary>
    /// The definition and state; what a user's update replaces. The status and last attempt time are the
    /// dispatcher's, and the schedule time is set by the statement (<see cref="JobSql.Update"/>): a user's write is
    /// not fenced against the dispatcher's, so it must not put back what the dispatcher moved since the read.
    /// </summary>
    public const string UpdatableAssignments = """
        description = @description, schedule = @schedule, time_zone = @timeZone,
        uri = @uri, http_method = @httpMethod, headers_json = @headersJson, body = @body,
        oidc_email = @oidcEmail, oidc_audience = @oidcAudience,
        retry_count = @retryCount, max_retry_duration_ticks = @maxRetryDuration, min_backoff_ticks = @minBackoff,
        max_backoff_ticks = @maxBackoff, max_doublings = @maxDoublings, attempt_deadline_ticks = @attemptDeadline,
        overlap_policy = @overlapPolicy, catch_up_policy = @catchUpPolicy, catch_up_window_ticks = @catchUpWindow,
        state = @state, user_update_time = @userUpdateTime,
        notify_json = @notifyJson, missed_run_deadline_ticks = @missedRunDeadline, missed_run_since = @missedRunSince,
        definition_version = definition_version + 1
        """;

    /// <summary>Binds every parameter <see cref="UpdatableAssignments"/> uses, plus @name, @project, @location, @jobId, @lastAttemptTime.</summary>
    public static TCommand BindJob<TCommand>(this TCommand command, Job job, SqlDialect dialect)
        where TCommand : DbCommand
    {
        var target = job.HttpTarget;
        var retry = job.RetryConfig;
        return command
            .With("@name", job.Name.FullName)
            .With("@project", job.Name.Project)
            .With("@location", job.Name.Location)
            .With("@jobId", job.Name.StoredId)
            .With("@description", job.Description)
            .With("@schedule", job.Schedule)
            .With("@timeZone", job.TimeZone)
            .With("@uri", target.Uri)
            .With("@httpMethod", (int)target.HttpMethod)
            .With("@headersJson", HeadersJson.Write(target.Headers))
            .With("@body", target.Body.ToArray())
            .With("@oidcEmail", target.OidcToken?.ServiceAccountEmail)
            .With("@oidcAudience", target.OidcToken?.Audience)
            .With("@retryCount", retry.RetryCount)
            .With("@maxRetryDuration", retry.MaxRetryDuration.Ticks)
            .With("@minBackoff", retry.MinBackoffDuration.Ticks)
            .With("@maxBackoff", retry.MaxBackoffDuration.Ticks)
            .With("@maxDoublings", retry.MaxDoublings)
            .With("@attemptDeadline", job.AttemptDeadline.Ticks)
            .With("@overlapPolicy", (int)job.Belfry.Overlap)
            .With("@catchUpPolicy", (int)job.Belfry.CatchUp)
            .With("@catchUpWindow", job.Belfry.CatchUpWindow.Ticks)
            .With("@state", (int)job.State)
            .With("@statusCode", job.Status?.Code)
            .With("@statusMessage", job.Status?.Message)
            .With("@scheduleTime", dialect.Instant(job.ScheduleTime))
            .With("@lastAttemptTime", dialect.Instant(job.LastAttemptTime))
            .With("@userUpdateTime", dialect.Instant(job.UserUpdateTime))
            .With("@notifyJson", NotifyJson.Write(job.Belfry.Notify))
            .With("@missedRunDeadline", job.Belfry.MissedRunDeadline?.Ticks)
            .With("@missedRunSince", dialect.Instant(job.MissedRunSince));
    }

    /// <summary>
    /// Reads only what the dispatcher changes (state, status, schedule time, last attempt time, version, missed-run
    /// clock) from a row whose <see cref="Columns"/> start at 0, onto <paramref name="definition"/>, the same job as
    /// read before.
    /// </summary>
    public static Job ReadOnto(DbDataReader reader, Job definition, SqlDialect dialect)
    {
        var statusCode = SqlValues.ReadNullableInt32(reader, 22);
        return definition with
        {
            State = (JobState)reader.GetInt32(21),
            Status = statusCode is { } code ? new JobStatus(code, reader.GetString(23)) : null,
            ScheduleTime = dialect.ReadNullableInstant(reader, 24),
            LastAttemptTime = dialect.ReadNullableInstant(reader, 25),
            Version = reader.GetInt64(27),
            MissedRunSince = dialect.ReadNullableInstant(reader, 30),
            DefinitionVersion = reader.GetInt64(DefinitionVersionOrdinal),
        };
    }

    /// <summary>Reads a job whose <see cref="Columns"/> start at <paramref name="first"/>.</summary>
    public static Job Read(DbDataReader reader, int first, SqlDialect dialect)
    {
        int At(int column) => first + column;
        var oidcEmail = SqlValues.ReadNullableString(reader, At(10));
        var statusCode = SqlValues.ReadNullableInt32(reader, At(22));
        return new Job
        {
            Name = JobName.FromStored(reader.GetString(At(0)), reader.GetString(At(1)), reader.GetString(At(2))),
            Description = reader.GetString(At(3)),
            Schedule = reader.GetString(At(4)),
            TimeZone = reader.GetString(At(5)),
            HttpTarget = new HttpTarget(
                reader.GetString(At(6)),
                (HttpMethodKind)reader.GetInt32(At(7)),
                HeadersJson.Read(reader.GetString(At(8))),
                reader.GetFieldValue<byte[]>(At(9)),
                oidcEmail is null ? null : new OidcToken(oidcEmail, SqlValues.ReadNullableString(reader, At(11)))),
            RetryConfig = new RetryConfig(
                reader.GetInt32(At(12)),
                SqlValues.ReadDuration(reader, At(13)),
                SqlValues.ReadDuration(reader, At(14)),
                SqlValues.ReadDuration(reader, At(15)),
                reader.GetInt32(At(16))),
            AttemptDeadline = SqlValues.ReadDuration(reader, At(17)),
            Belfry = new BelfrySettings(
                (OverlapPolicy)reader.GetInt32(At(18)),
                (CatchUpPolicy)reader.GetInt32(At(19)),
                SqlValues.ReadDuration(reader, At(20)))
            {
                Notify = NotifyJson.Read(SqlValues.ReadNullableString(reader, At(28))),
                MissedRunDeadline = reader.IsDBNull(At(29)) ? null : SqlValues.ReadDuration(reader, At(29)),
            },
            State = (JobState)reader.GetInt32(At(21)),
            Status = statusCode is { } code ? new JobStatus(code, reader.GetString(At(23))) : null,
            ScheduleTime = dialect.ReadNullableInstant(reader, At(24)),
            LastAttemptTime = dialect.ReadNullableInstant(reader, At(25)),
            UserUpdateTime = dialect.ReadInstant(reader, At(26)),
            Version = reader.GetInt64(At(27)),
            MissedRunSince = dialect.ReadNullableInstant(reader, At(30)),
            DefinitionVersion = reader.GetInt64(At(DefinitionVersionOrdinal)),
        };
    }
}
