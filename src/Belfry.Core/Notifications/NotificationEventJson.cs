using System.Globalization;
using System.Text;
using System.Text.Json;
using Belfry.Core.Alerts;
using Belfry.Core.Executions;
using Belfry.Core.Jobs;
using Belfry.Core.Pipelines;

namespace Belfry.Core.Notifications;

/// <summary>
/// A <see cref="NotificationEvent"/> as the outbox stores it: a small JSON object, instants as ISO 8601 in UTC
/// with seven fraction digits and Z, durations as ticks, enums as numbers, absent fields left out. Written and read by hand, so the store
/// format never drifts with a serializer's defaults.
/// </summary>
internal static class NotificationEventJson
{
    public static string Write(NotificationEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("kind", (int)e.Kind);
            w.WriteString("time", Instant(e.Time));
            Optional(w, "job", e.Job?.FullName);
            Optional(w, "timeZone", e.TimeZone);
            Optional(w, "executionId", e.ExecutionId);
            Optional(w, "scheduleTime", e.ScheduleTime);
            if (e.Trigger is { } trigger)
            {
                w.WriteNumber("trigger", (int)trigger);
            }

            OptionalNumber(w, "attempts", e.Attempts);
            if (e.StatusCode is { } code)
            {
                w.WriteNumber("statusCode", code);
            }

            Optional(w, "error", e.Error);
            Optional(w, "responseExcerpt", e.ResponseExcerpt);
            if (e.Deadline is { } deadline)
            {
                w.WriteNumber("deadlineTicks", deadline.Ticks);
            }

            Optional(w, "firstMissed", e.FirstMissed);
            Optional(w, "lastMissed", e.LastMissed);
            OptionalNumber(w, "missedCount", e.MissedCount);
            Optional(w, "policy", e.Policy?.FullName);
            OptionalNumber(w, "failures", e.Failures);
            OptionalNumber(w, "threshold", e.Threshold);
            if (e.Window is { } window)
            {
                w.WriteNumber("windowTicks", window.Ticks);
            }

            if (e.Repeat)
            {
                w.WriteBoolean("repeat", true);
            }

            OptionalNumber(w, "newFailures", e.NewFailures);
            if (e.FailingJobs.Count > 0)
            {
                w.WriteStartArray("failingJobs");
                foreach (var job in e.FailingJobs)
                {
                    w.WriteStartObject();
                    w.WriteString("job", job.JobId);
                    w.WriteNumber("count", job.Count);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            Optional(w, "pipeline", e.Pipeline?.FullName);
            Optional(w, "run", e.RunId);
            Optional(w, "step", e.Step);
            if (e.NotRunSteps.Count > 0)
            {
                w.WriteStartArray("notRun");
                foreach (var step in e.NotRunSteps)
                {
                    w.WriteStringValue(step);
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static NotificationEvent Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return new NotificationEvent
        {
            Kind = (NotificationEventKind)root.GetProperty("kind").GetInt32(),
            Time = ReadInstant(root.GetProperty("time")),
            Job = String(root, "job") is { } job ? (JobName.TryParseStored(job, out var name) ? name : null) : null,
            TimeZone = String(root, "timeZone"),
            ExecutionId = String(root, "executionId"),
            ScheduleTime = Instant(root, "scheduleTime"),
            Trigger = root.TryGetProperty("trigger", out var trigger) ? (ExecutionTrigger)trigger.GetInt32() : null,
            Attempts = Number(root, "attempts"),
            StatusCode = root.TryGetProperty("statusCode", out var code) ? code.GetInt32() : null,
            Error = String(root, "error"),
            ResponseExcerpt = String(root, "responseExcerpt"),
            Deadline = root.TryGetProperty("deadlineTicks", out var deadline) ? TimeSpan.FromTicks(deadline.GetInt64()) : null,
            FirstMissed = Instant(root, "firstMissed"),
            LastMissed = Instant(root, "lastMissed"),
            MissedCount = Number(root, "missedCount"),
            Policy = String(root, "policy") is { } policy ? (AlertPolicyName.TryParse(policy, out var policyName) ? policyName : null) : null,
            Failures = Number(root, "failures"),
            Threshold = Number(root, "threshold"),
            Window = root.TryGetProperty("windowTicks", out var window) ? TimeSpan.FromTicks(window.GetInt64()) : null,
            Repeat = root.TryGetProperty("repeat", out var repeat) && repeat.GetBoolean(),
            NewFailures = Number(root, "newFailures"),
            FailingJobs = root.TryGetProperty("failingJobs", out var jobs)
                ? [.. jobs.EnumerateArray().Select(j => new JobFailureCount(j.GetProperty("job").GetString()!, j.GetProperty("count").GetInt32()))]
                : [],
            Pipeline = String(root, "pipeline") is { } pipeline ? (PipelineName.TryParse(pipeline, out var pipelineName) ? pipelineName : null) : null,
            RunId = String(root, "run"),
            Step = String(root, "step"),
            NotRunSteps = root.TryGetProperty("notRun", out var notRun) ? [.. notRun.EnumerateArray().Select(s => s.GetString()!)] : [],
        };
    }

    private static void Optional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void Optional(Utf8JsonWriter writer, string name, DateTimeOffset? value)
    {
        if (value is { } instant)
        {
            writer.WriteString(name, Instant(instant));
        }
    }

    private static void OptionalNumber(Utf8JsonWriter writer, string name, int value)
    {
        if (value != 0)
        {
            writer.WriteNumber(name, value);
        }
    }

    private static string Instant(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset ReadInstant(JsonElement element) =>
        DateTimeOffset.Parse(element.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind).ToUniversalTime();

    private static DateTimeOffset? Instant(JsonElement root, string name) => root.TryGetProperty(name, out var value) ? ReadInstant(value) : null;

    private static string? String(JsonElement root, string name) => root.TryGetProperty(name, out var value) ? value.GetString() : null;

    private static int Number(JsonElement root, string name) => root.TryGetProperty(name, out var value) ? value.GetInt32() : 0;
}
