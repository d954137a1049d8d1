using System.Text.Json.Nodes;

namespace Belfry.Notifications.Formatting;

/// <summary>
/// The generic webhook body (docs/notifications.md, "Webhook"): <c>id</c>, <c>type</c>, <c>time</c>,
/// <c>severity</c> (<c>error</c> or <c>ok</c>), <c>title</c>, <c>text</c>, <c>link</c>, <c>fields</c>, then the
/// event's structured data (<c>job</c>, <c>execution</c>, <c>missedRun</c>, <c>alertPolicy</c>).
/// </summary>
internal static class WebhookFormatter
{
    public static JsonObject Format(Notification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var body = new JsonObject
        {
            ["id"] = notification.Id,
            ["type"] = notification.Type,
            ["time"] = NotificationJson.Timestamp(notification.Time),
            ["severity"] = notification.Tone == NotificationTone.Failure ? "error" : "ok",
            ["title"] = notification.Title,
            ["text"] = NotificationJson.WithDetail(notification.Text, notification.Detail, int.MaxValue),
        };
        if (notification.Link is { } link)
        {
            body["link"] = link;
        }

        body["fields"] = new JsonArray([.. notification.Fields.Select(f => (JsonNode)new JsonObject { ["name"] = f.Name, ["value"] = f.Value })]);
        foreach (var (key, value) in notification.Data ?? [])
        {
            // The envelope's own keys win; data never overwrites them.
            if (!body.ContainsKey(key))
            {
                body[key] = value?.DeepClone();
            }
        }

        return body;
    }
}
