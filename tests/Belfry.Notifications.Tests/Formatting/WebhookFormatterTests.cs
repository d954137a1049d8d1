using System.Text.Json.Nodes;
using Belfry.Notifications.Formatting;

namespace Belfry.Notifications.Tests.Formatting;

public sealed class WebhookFormatterTests
{
    [Fact]
    public void Format_Failure_EnvelopeThenData()
    {
        var body = WebhookFormatter.Format(Samples.Failed);

        var expected = JsonNode.Parse("""
            {"id":"0194f3c2a1b27c3d8e9f0a1b2c3d4e5f","type":"execution.failed","time":"2027-01-01T21:01:10.000Z","severity":"error",
             "title":"Job failed: sync-daily-data",
             "text":"The run scheduled for 2027-01-02 06:00 +09:00 (Asia/Tokyo) failed after 4 attempts. Last answer: HTTP 500.\n```\nHTTP 500: boom: simulated failure\n```",
             "link":"https://belfry.example/jobs/p/asia-northeast1/sync-daily-data/executions/0194f3c2",
             "fields":[{"name":"Job","value":"sync-daily-data"},{"name":"Schedule time","value":"2027-01-02 06:00 +09:00 (Asia/Tokyo)"},
                       {"name":"Attempts","value":"4"},{"name":"Last status","value":"HTTP 500"}],
             "job":{"id":"sync-daily-data"}}
            """);
        Assert.True(JsonNode.DeepEquals(expected, body), body.ToJsonString());
    }

    [Fact]
    public void Format_DataNamingAnEnvelopeKey_EnvelopeWins()
    {
        var body = WebhookFormatter.Format(Samples.Recovered with { Data = new JsonObject { ["id"] = "forged", ["extra"] = 1 } });

        Assert.Equal(Samples.Failed.Id, (string)body["id"]!);
        Assert.Equal("ok", (string)body["severity"]!);
        Assert.Equal(1, (int)body["extra"]!);
    }
}
