using System.Buffers;
using System.Text;
using System.Text.Json;
using Belfry.Core.Jobs;
using Belfry.Core.Pipelines;
using Belfry.Core.Storage;

namespace Belfry.Storage.Postgres;

/// <summary>
/// The text of a <c>belfry_changes</c> notification: the sending node and, in order, the changes of one transaction,
/// <c>{"node":"a","changes":[{"kind":"updated","at":1796374800000000,"job":"projects/p/locations/l/jobs/j","version":3}]}</c>
/// (<c>at</c> in microseconds since the Unix epoch; <c>job</c>, <c>pipeline</c> and <c>version</c> only when set).
/// Kinds are spelled as words, not enum numbers, so nodes of two Belfry versions (an upgrade one node at a time) read
/// each other; a change a node cannot read becomes <see cref="StoreChangeKind.Resync"/>, never an error.
/// </summary>
internal static class StoreChangePayload
{
    /// <summary>PostgreSQL refuses a payload of 8000 bytes or more (NOTIFY's limit in the default build).</summary>
    public const int MaxBytes = 7999;

    /// <summary>The longest node id: with the longest names, one change must always fit in a notification.</summary>
    public const int MaxNodeIdLength = 200;

    private static readonly byte[] Comma = ","u8.ToArray();

    // Every ASCII-escaped (the default encoder escapes all else), so a payload's chars are its bytes on the server.
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false };

    /// <summary>
    /// The payloads that carry <paramref name="changes"/> from <paramref name="nodeId"/>, in order, as few as fit under
    /// <see cref="MaxBytes"/> each. Empty for no changes.
    /// </summary>
    public static IReadOnlyList<string> Encode(string nodeId, IEnumerable<StoreChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var head = Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("node", nodeId);
            writer.WriteStartArray("changes");
            writer.Flush();
        });
        const int TailBytes = 2; // "]}"
        var payloads = new List<string>();
        var body = new ArrayBufferWriter<byte>();
        foreach (var change in changes)
        {
            var item = Write(writer => WriteChange(writer, change));
            var separator = body.WrittenCount == 0 ? 0 : Comma.Length;
            if (head.Length + body.WrittenCount + separator + item.Length + TailBytes > MaxBytes)
            {
                if (body.WrittenCount == 0)
                {
                    throw new ArgumentException($"A change of {item.Length} bytes cannot fit in one notification.", nameof(changes));
                }

                payloads.Add(Finish(head, body));
                body.Clear();
                separator = 0;
            }

            body.Write(separator == 0 ? [] : Comma);
            body.Write(item);
        }

        if (body.WrittenCount > 0)
        {
            payloads.Add(Finish(head, body));
        }

        return payloads;
    }

    /// <summary>
    /// The sending node and the changes <paramref name="payload"/> carries. Null when it is no Belfry payload at all;
    /// a single change it cannot read (a newer node's kind, a malformed name) comes back as a resync at
    /// <paramref name="now"/>, so the receiver re-reads the store rather than miss it.
    /// </summary>
    public static (string Node, IReadOnlyList<StoreChange> Changes)? Decode(string payload, DateTimeOffset now)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object ||
                !root.TryGetProperty("node", out var node) || node.ValueKind != JsonValueKind.String ||
                !root.TryGetProperty("changes", out var items) || items.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var changes = new List<StoreChange>(items.GetArrayLength());
            foreach (var item in items.EnumerateArray())
            {
                changes.Add(ReadChange(item) ?? StoreChange.Resync(now));
            }

            return (node.GetString()!, changes);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void WriteChange(Utf8JsonWriter writer, StoreChange change)
    {
        writer.WriteStartObject();
        writer.WriteString("kind", KindName(change.Kind));
        writer.WriteNumber("at", ToMicroseconds(change.At));
        if (change.Job is { } job)
        {
            writer.WriteString("job", job.FullName);
        }

        if (change.Pipeline is { } pipeline)
        {
            writer.WriteString("pipeline", pipeline.FullName);
        }

        if (change.Version != 0)
        {
            writer.WriteNumber("version", change.Version);
        }

        writer.WriteEndObject();
    }

    private static StoreChange? ReadChange(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object ||
            !item.TryGetProperty("kind", out var kindElement) || Kind(kindElement.GetString()) is not { } kind ||
            !item.TryGetProperty("at", out var atElement) || !atElement.TryGetInt64(out var at) ||
            FromMicroseconds(at) is not { } instant)
        {
            return null;
        }

        JobName? job = null;
        if (item.TryGetProperty("job", out var jobElement) && !JobName.TryParseStored(jobElement.GetString(), out job))
        {
            return null;
        }

        PipelineName? pipeline = null;
        if (item.TryGetProperty("pipeline", out var pipelineElement) && !PipelineName.TryParse(pipelineElement.GetString(), out pipeline))
        {
            return null;
        }

        long version = 0;
        if (item.TryGetProperty("version", out var versionElement) && !versionElement.TryGetInt64(out version))
        {
            return null;
        }

        return new StoreChange(kind, instant) { Job = job, Pipeline = pipeline, Version = version };
    }

    private static string KindName(StoreChangeKind kind) => kind switch
    {
        StoreChangeKind.JobCreated => "created",
        StoreChangeKind.JobUpdated => "updated",
        StoreChangeKind.JobDeleted => "deleted",
        StoreChangeKind.PipelineChanged => "pipeline",
        StoreChangeKind.ExecutionsDue => "due",
        StoreChangeKind.SigningKeysChanged => "keys",
        StoreChangeKind.Resync => "resync",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No notification spelling for this kind."),
    };

    private static StoreChangeKind? Kind(string? name) => name switch
    {
        "created" => StoreChangeKind.JobCreated,
        "updated" => StoreChangeKind.JobUpdated,
        "deleted" => StoreChangeKind.JobDeleted,
        "pipeline" => StoreChangeKind.PipelineChanged,
        "due" => StoreChangeKind.ExecutionsDue,
        "keys" => StoreChangeKind.SigningKeysChanged,
        "resync" => StoreChangeKind.Resync,
        _ => null,
    };

    // Whole microseconds, as PostgreSQL keeps instants; rounded down, so an update's instant withdraws no less (StoreChange).
    private static long ToMicroseconds(DateTimeOffset at)
    {
        var (microseconds, rest) = Math.DivRem(at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks, TimeSpan.TicksPerMicrosecond);
        return rest < 0 ? microseconds - 1 : microseconds;
    }

    private static DateTimeOffset? FromMicroseconds(long microseconds)
    {
        var ticks = (Int128)microseconds * TimeSpan.TicksPerMicrosecond + DateTimeOffset.UnixEpoch.UtcTicks;
        return ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks
            ? new DateTimeOffset((long)ticks, TimeSpan.Zero)
            : null;
    }

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static string Finish(byte[] head, ArrayBufferWriter<byte> body) =>
        string.Concat(Encoding.UTF8.GetString(head), Encoding.UTF8.GetString(body.WrittenSpan), "]}");
}
