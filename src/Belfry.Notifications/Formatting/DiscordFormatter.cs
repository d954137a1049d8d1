using System.Text.Json.Nodes;

namespace Belfry.Notifications.Formatting;

/// <summary>
/// A Discord webhook body: one embed with title, description, colour (red 0xFF0000 or green 0x00CC44, as the
/// article's <c>notify_discord</c>), ISO timestamp, link and inline fields. Mentions in the text never ping anyone.
/// Discord's limits (title 256, description 4096, field value 1024, 25 fields) are applied by cutting; the detail (a
/// failure's message and the start of the answer's body) is cut before the text, in a block that stays closed.
/// </summary>
internal static class DiscordFormatter
{
    public const int Red = 0xFF0000;
    public const int Green = 0x00CC44;

    public static JsonObject Format(Notification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var embed = new JsonObject
        {
            ["title"] = NotificationJson.Truncate(notification.Title, 256),
            ["description"] = NotificationJson.WithDetail(notification.Text, notification.Detail, 4096),
            ["color"] = notification.Tone == NotificationTone.Failure ? Red : Green,
            ["timestamp"] = NotificationJson.Timestamp(notification.Time),
        };
        if (notification.Link is { } link)
        {
            embed["url"] = link;
        }

        if (notification.Fields.Count > 0)
        {
            embed["fields"] = new JsonArray([.. notification.Fields.Take(25).Select(f => (JsonNode)new JsonObject
            {
                ["name"] = NotificationJson.Truncate(f.Name, 256),
                ["value"] = NotificationJson.Truncate(f.Value.Length == 0 ? "-" : f.Value, 1024),
                ["inline"] = true,
            })]);
        }

        embed["footer"] = new JsonObject { ["text"] = $"Belfry · {notification.Type}" };
        return new JsonObject
        {
            ["embeds"] = new JsonArray(embed),
            ["allowed_mentions"] = new JsonObject { ["parse"] = new JsonArray() },
        };
    }
}
