using System.Data.Common;
using System.Text;
using System.Text.Json;
using Belfry.Core.Jobs;
using Belfry.Core.Pipelines;

namespace Belfry.Storage.Sql;

/// <summary>The <c>pipelines</c> row (aliased <c>p</c>): columns, reader, binder, and the <c>steps_json</c> graph.</summary>
internal static class PipelineRows
{
    public const string Columns = """
        p.project, p.location, p.pipeline_id, p.description, p.schedule, p.time_zone, p.steps_json,
        p.overlap_policy, p.catch_up_policy, p.catch_up_window_ticks, p.notify_json,
        p.state, p.schedule_time, p.user_update_time, p.version, p.definition_version
        """;

    public const int ColumnCount = 16;

    /// <summary>The definition and state a user's update replaces; the schedule time is the statement's (<see cref="PipelineSql.Update"/>).</summary>
    public const string UpdatableAssignments = """
        description = @description, schedule = @schedule, time_zone = @timeZone, steps_json = @stepsJson,
        overlap_policy = @overlapPolicy, catch_up_policy = @catchUpPolicy, catch_up_window_ticks = @catchUpWindow,
        notify_json = @notifyJson, state = @state, user_update_time = @userUpdateTime,
        definition_version = definition_version + 1
        """;

    public static TCommand BindPipeline<TCommand>(this TCommand command, Pipeline pipeline, SqlDialect dialect)
        where TCommand : DbCommand => command
        .With("@name", pipeline.Name.FullName)
        .With("@project", pipeline.Name.Project)
        .With("@location", pipeline.Name.Location)
        .With("@pipelineId", pipeline.Name.PipelineId)
        .With("@description", pipeline.Description)
        .With("@schedule", pipeline.Schedule)
        .With("@timeZone", pipeline.TimeZone)
        .With("@stepsJson", WriteGraph(pipeline.Steps.Select(s => new StepNode(s.Id, s.DependsOn))))
        .With("@overlapPolicy", (int)pipeline.Belfry.Overlap)
        .With("@catchUpPolicy", (int)pipeline.Belfry.CatchUp)
        .With("@catchUpWindow", pipeline.Belfry.CatchUpWindow.Ticks)
        .With("@notifyJson", NotifyJson.Write(pipeline.Belfry.Notify))
        .With("@state", (int)pipeline.State)
        .With("@scheduleTime", dialect.Instant(pipeline.ScheduleTime))
        .With("@userUpdateTime", dialect.Instant(pipeline.UserUpdateTime))
        .With("@definitionVersion", pipeline.DefinitionVersion);

    /// <summary>Reads a pipeline with <paramref name="steps"/> (its targets come from the step jobs).</summary>
    public static Pipeline Read(DbDataReader reader, int first, SqlDialect dialect, Func<PipelineName, StepNode, PipelineStep> steps)
    {
        int At(int column) => first + column;
        var name = new PipelineName(reader.GetString(At(0)), reader.GetString(At(1)), reader.GetString(At(2)));
        return new Pipeline
        {
            Name = name,
            Description = reader.GetString(At(3)),
            Schedule = reader.GetString(At(4)),
            TimeZone = reader.GetString(At(5)),
            Steps = ReadGraph(reader.GetString(At(6))).Select(node => steps(name, node)).ToList(),
            Belfry = new BelfrySettings((OverlapPolicy)reader.GetInt32(At(7)), (CatchUpPolicy)reader.GetInt32(At(8)), SqlValues.ReadDuration(reader, At(9)))
            {
                Notify = NotifyJson.Read(SqlValues.ReadNullableString(reader, At(10))),
            },
            State = (JobState)reader.GetInt32(At(11)),
            ScheduleTime = dialect.ReadNullableInstant(reader, At(12)),
            UserUpdateTime = dialect.ReadInstant(reader, At(13)),
            Version = reader.GetInt64(At(14)),
            DefinitionVersion = reader.GetInt64(At(15)),
        };
    }

    public static string WriteGraph(IEnumerable<StepNode> steps)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var step in steps)
            {
                writer.WriteStartObject();
                writer.WriteString("id", step.Id);
                writer.WriteStartArray("dependsOn");
                foreach (var dependency in step.DependsOn)
                {
                    writer.WriteStringValue(dependency);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static IReadOnlyList<StepNode> ReadGraph(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray()
            .Select(e => new StepNode(
                e.GetProperty("id").GetString()!,
                e.GetProperty("dependsOn").EnumerateArray().Select(d => d.GetString()!).ToList()))
            .ToList();
    }
}
