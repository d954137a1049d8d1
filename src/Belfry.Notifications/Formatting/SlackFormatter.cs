using System.Text;
using System.Text.Json.Nodes;

namespace Belfry.Notifications.Formatting;

/// <summary>
/// A Slack incoming-webhook body: <c>text</c> (the fallback shown in notifications) and Block Kit <c>blocks</c>: a
/// header with a red or green circle, the text, the fields, and a context line with the link and time. Text is
/// escaped for mrkdwn (<c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c>), so an error message cannot forge links or mentions. A
/// section's text holds 3000 characters: the detail (a failure's message and body excerpt) is cut first, its block kept closed.
/// </summary>
internal static class SlackFormatter
{
    public static JsonObject Format(Notification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var icon = notification.Tone == NotificationTone.Failure ? ":red_circle:" : ":large_green_circle:";
        var blocks = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "header",
                ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = NotificationJson.Truncate($"{icon} {notification.Title}", 150), ["emoji"] = true },
            },
            new JsonObject
            {
                ["type"] = "section",
                ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = NotificationJson.WithDetail(notification.Text, notification.Detail, 3000, Escape) },
            },
        };
        if (notification.Fields.Count > 0)
        {
            blocks.Add(new JsonObject
            {
                ["type"] = "section",
                ["fields"] = new JsonArray([.. notification.Fields.Take(10).Select(f => (JsonNode)new JsonObject
                {
                    ["type"] = "mrkdwn",
                    ["text"] = NotificationJson.Truncate($"*{Escape(f.Name)}*\n{Escape(f.Value)}", 2000),
                })]),
            });
        }

        var context = new StringBuilder();
        if (notification.Link is { } link)
        {
            context.Append('<').Append(link).Append("|View in Belfry> · ");
        }

        context.Append("Belfry · ").Append(NotificationJson.Timestamp(notification.Time));
        blocks.Add(new JsonObject
        {
            ["type"] = "context",
            ["elements"] = new JsonArray(new JsonObject { ["type"] = "mrkdwn", ["text"] = context.ToString() }),
        });
        return new JsonObject { ["text"] = notification.Title, ["blocks"] = blocks };
    }

    /// <summary>Slack's mrkdwn control characters.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
    }
}
