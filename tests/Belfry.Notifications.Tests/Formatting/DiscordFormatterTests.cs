using System.Text;
using System.Text.Json.Nodes;
using Belfry.Core.Notifications;
using Belfry.Notifications.Formatting;

namespace Belfry.Notifications.Tests.Formatting;

public sealed class DiscordFormatterTests
{
    [Fact]
    public void Format_Failure_OneRedEmbedAsTheArticle()
    {
        var body = DiscordFormatter.Format(Samples.Failed);

        var expected = JsonNode.Parse("""
            {"embeds":[{
              "title":"Job failed: sync-daily-data",
              "description":"The run scheduled for 2027-01-02 06:00 +09:00 (Asia/Tokyo) failed after 4 attempts. Last answer: HTTP 500.\n```\nHTTP 500: boom: simulated failure\n```",
              "color":16711680,
              "timestamp":"2027-01-01T21:01:10.000Z",
              "url":"https://belfry.example/jobs/p/asia-northeast1/sync-daily-data/executions/0194f3c2",
              "fields":[
                {"name":"Job","value":"sync-daily-data","inline":true},
                {"name":"Schedule time","value":"2027-01-02 06:00 +09:00 (Asia/Tokyo)","inline":true},
                {"name":"Attempts","value":"4","inline":true},
                {"name":"Last status","value":"HTTP 500","inline":true}],
              "footer":{"text":"Belfry · execution.failed"}}],
             "allowed_mentions":{"parse":[]}}
            """);
        Assert.True(JsonNode.DeepEquals(expected, body), body.ToJsonString());
    }

    [Fact]
    public void Format_Success_GreenWithoutLinkOrFields()
    {
        var embed = DiscordFormatter.Format(Samples.Recovered)["embeds"]![0]!.AsObject();

        Assert.Equal(0x00CC44, (int)embed["color"]!);
        Assert.Equal(52292, (int)embed["color"]!);
        Assert.False(embed.ContainsKey("url"));
        Assert.False(embed.ContainsKey("fields"));
    }

    [Fact]
    public void Format_OverLongText_CutToDiscordLimits()
    {
        var notification = Samples.Failed with
        {
            Title = new string('t', 300),
            Text = new string('d', 5000),
            Fields = [.. Enumerable.Range(0, 30).Select(i => new NotificationField($"f{i}", new string('v', 2000)))],
        };

        var embed = DiscordFormatter.Format(notification)["embeds"]![0]!;

        Assert.Equal(256, ((string)embed["title"]!).Length);
        Assert.EndsWith("…", (string)embed["title"]!);
        Assert.Equal(4096, ((string)embed["description"]!).Length);
        Assert.Equal(25, embed["fields"]!.AsArray().Count);
        Assert.Equal(1024, ((string)embed["fields"]![0]!["value"]!).Length);
    }

    [Fact]
    public void Format_HugeDetail_CutSoTheDescriptionFitsAndTheBlockStaysClosed()
    {
        var notification = Samples.Failed with { Detail = "HTTP 500: boom\n\n" + new string('x', 4000) + " ``` " + new string('y', 4000) };

        var description = (string)DiscordFormatter.Format(notification)["embeds"]![0]!["description"]!;

        Assert.Equal(4096, description.Length);
        Assert.StartsWith(Samples.Failed.Text + "\n```\nHTTP 500: boom\n\nxxx", description, StringComparison.Ordinal);
        Assert.EndsWith("x…\n```", description, StringComparison.Ordinal);
        Assert.Equal(2, description.Split("```").Length - 1);
    }

    [Fact]
    public void Format_DetailWithFence_CannotCloseTheBlockEarly()
    {
        var notification = Samples.Failed with { Detail = "HTTP 500: ```@everyone```" };

        var description = (string)DiscordFormatter.Format(notification)["embeds"]![0]!["description"]!;

        Assert.EndsWith("\n```\nHTTP 500: '''@everyone'''\n```", description, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_NonAsciiText_WrittenAsUtf8NotEscaped()
    {
        var bytes = NotificationFormatter.Format(ChannelKind.Discord, Samples.Failed with { Title = "バッチ失敗: sync" });

        Assert.Contains("\"title\":\"バッチ失敗: sync\"", Encoding.UTF8.GetString(bytes));
    }
}
