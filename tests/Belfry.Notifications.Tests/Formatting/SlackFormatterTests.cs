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
               {"type":"section","text":{"type":"mrkdwn","text":"The run scheduled for 2027-01-02 06:00 +09:00 (Asia/Tokyo) failed after 4 attempts. Last answer: HTTP 500.\n```\nHTTP 500: boom: simulated failure\n```"}},
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
    public void Format_HugeDetailOfMarkup_EscapedThenCutToTheBlockLimitWithTheBlockClosed()
    {
        var body = SlackFormatter.Format(Samples.Failed with { Detail = "HTTP 500: " + string.Concat(Enumerable.Repeat("<a&b> ", 1000)) });

        var text = (string)body["blocks"]![1]!["text"]!["text"]!;

        Assert.True(text.Length <= 3000, $"{text.Length} characters");
        Assert.True(text.Length > 2900, $"{text.Length} characters: the detail was cut more than needed");
        Assert.StartsWith(Samples.Failed.Text + "\n```\nHTTP 500: &lt;a&amp;b&gt; ", text, StringComparison.Ordinal);
        Assert.EndsWith("…\n```", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<", text, StringComparison.Ordinal);
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
