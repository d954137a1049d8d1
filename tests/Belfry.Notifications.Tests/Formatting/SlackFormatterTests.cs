using System.Text.Json.Nodes;
using Belfry.Notifications.Formatting;

namespace Belfry.Notifications.Tests.Formatting;

public sealed class SlackFormatterTests
{
    [Fact]
    public void Format_Failure_TextFallbackAndBlocks()
    {
        var body = SlackFormatter.Format(Samples.Failed);

        var expected = JsonNode.Parse("""
            {"text":"Job failed: sync-daily-data",
             "blocks":[
               {"type":"header","text":{"type":"plain_text","text":":red_circle: Job failed: sync-daily-data","emoji":true}},
               {"type":"section","text":{"type":"mrkdwn","text":"The run scheduled for 2027-01-02 06:00 +09:00 (Asia/Tokyo) failed after 4 attempts. Last answer: HTTP 500.\n```\nThe target answered HTTP 500.\n```"}},
               {"type":"section","fields":[
                 {"type":"mrkdwn","text":"*Job*\nsync-daily-data"},
                 {"type":"mrkdwn","text":"*Schedule time*\n2027-01-02 06:00 +09:00 (Asia/Tokyo)"},
                 {"type":"mrkdwn","text":"*Attempts*\n4"},
                 {"type":"mrkdwn","text":"*Last status*\nHTTP 500"}]},
               {"type":"context","elements":[{"type":"mrkdwn","text":"<https://belfry.example/jobs/p/asia-northeast1/sync-daily-data/executions/0194f3c2|View in Belfry> · Belfry · 2027-01-01T21:01:10.000Z"}]}]}
            """);
        Assert.True(JsonNode.DeepEquals(expected, body), body.ToJsonString());
    }

    [Fact]
    public void Format_Success_GreenCircle()
    {
        var header = SlackFormatter.Format(Samples.Recovered)["blocks"]![0]!["text"]!["text"]!;

        Assert.Equal(":large_green_circle: Job recovered: sync-daily-data", (string)header!);
    }

    [Fact]
    public void Format_TextWithMarkup_EscapedSoItCannotMentionOrLink()
    {
        var body = SlackFormatter.Format(Samples.Recovered with { Text = "boom <!channel> & <http://evil|click>" });

        Assert.Equal("boom &lt;!channel&gt; &amp; &lt;http://evil|click&gt;", (string)body["blocks"]![1]!["text"]!["text"]!);
    }
}
