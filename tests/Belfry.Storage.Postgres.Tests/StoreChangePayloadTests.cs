using System.Text;
using Belfry.Core.Jobs;
using Belfry.Core.Pipelines;
using Belfry.Core.Storage;

namespace Belfry.Storage.Postgres.Tests;

/// <summary>The notification text of the change feed, without a server.</summary>
public sealed class StoreChangePayloadTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 4, 9, 0, 0, 123, 456, TimeSpan.Zero);
    private static readonly JobName Job = new("p", "l", "nightly");
    private static readonly PipelineName Pipeline = new("p", "l", "etl");

    [Fact]
    public void Encode_EveryKind_DecodeGivesEachBackInOrderWithItsNode()
    {
        StoreChange[] changes =
        [
            StoreChange.JobCreated(Job, 1, At),
            StoreChange.JobUpdated(Pipeline.StepJob("load"), 42, At.AddSeconds(1)),
            StoreChange.JobDeleted(Job, At.AddSeconds(2)),
            StoreChange.PipelineChanged(Pipeline, At.AddSeconds(3)),
            StoreChange.JobRun(Job, At.AddSeconds(4)),
            StoreChange.PipelineRun(Pipeline, At.AddSeconds(5)),
            StoreChange.SigningKeysChanged(At.AddSeconds(6)),
        ];

        var payload = Assert.Single(StoreChangePayload.Encode("node-a", changes));
        var decoded = StoreChangePayload.Decode(payload, At.AddDays(1));

        Assert.NotNull(decoded);
        Assert.Equal("node-a", decoded.Value.Node);
        Assert.Equal(changes, decoded.Value.Changes);
    }

    [Fact]
    public void Encode_InstantWithTicksBelowAMicrosecond_RoundsDownToTheMicrosecond()
    {
        var payload = Assert.Single(StoreChangePayload.Encode("n", [StoreChange.JobUpdated(Job, 2, At.AddTicks(9))]));

        var change = Assert.Single(StoreChangePayload.Decode(payload, At)!.Value.Changes);

        Assert.Equal(At, change.At);
    }

    [Fact]
    public void Encode_MoreThanOneNotificationHolds_SplitsUnderTheLimitKeepingEveryChangeInOrder()
    {
        var changes = Enumerable.Range(0, 400)
            .Select(i => StoreChange.JobUpdated(new JobName("project", "location", $"job-{i}-{new string('x', 60)}"), i + 1, At))
            .ToList();

        var payloads = StoreChangePayload.Encode("node-a", changes);

        Assert.True(payloads.Count > 1, $"{payloads.Count} payload(s)");
        Assert.All(payloads, p => Assert.InRange(Encoding.UTF8.GetByteCount(p), 1, StoreChangePayload.MaxBytes));
        Assert.Equal(changes, payloads.SelectMany(p => StoreChangePayload.Decode(p, At)!.Value.Changes));
    }

    [Fact]
    public void Encode_NoChanges_NoPayload()
    {
        Assert.Empty(StoreChangePayload.Encode("node-a", []));
    }

    [Fact]
    public void Decode_KindFromANewerNode_ResyncInItsPlace()
    {
        const string Payload = """{"node":"b","changes":[{"kind":"teleported","at":0},{"kind":"deleted","at":0,"job":"projects/p/locations/l/jobs/nightly"}]}""";

        var decoded = StoreChangePayload.Decode(Payload, At);

        Assert.Equal([StoreChange.Resync(At), StoreChange.JobDeleted(Job, DateTimeOffset.UnixEpoch)], decoded!.Value.Changes);
    }

    [Theory]
    [InlineData("hello")]
    [InlineData("""{"changes":[]}""")]
    [InlineData("[1,2]")]
    public void Decode_NotABelfryPayload_Null(string payload)
    {
        Assert.Null(StoreChangePayload.Decode(payload, At));
    }
}
