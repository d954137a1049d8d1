using System.Text;
using System.Text.Json;
using Belfry.Core.Notifications;

namespace Belfry.Storage.Sql;

/// <summary>
/// A job's <see cref="NotificationRoutes"/> as the <c>jobs.notify_json</c> column keeps them:
/// <c>{"onFailure":[…],"onRecovery":[…],"onSuccess":[…]}</c>, or NULL when there are none. Also string lists.
/// </summary>
internal static class NotifyJson
{
    public static string? Write(NotificationRoutes routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        if (routes.IsEmpty)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            WriteList(writer, "onFailure", routes.OnFailure);
            WriteList(writer, "onRecovery", routes.OnRecovery);
            WriteList(writer, "onSuccess", routes.OnSuccess);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static NotificationRoutes Read(string? json)
    {
        if (json is null)
        {
            return NotificationRoutes.None;
        }

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return new NotificationRoutes(List(root, "onFailure"), List(root, "onRecovery"), List(root, "onSuccess"));
    }

    /// <summary>A list of strings as a JSON array: a stored list (a policy's channels, a step's dependencies) or SQLite's id lists.</summary>
    public static string WriteStrings(IEnumerable<string> values)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var value in values)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>A JSON array of strings (written by <see cref="WriteStrings"/>).</summary>
    public static IReadOnlyList<string> ReadStrings(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(e => e.GetString()!)];
    }

    private static void WriteList(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static string[] List(JsonElement root, string name) =>
        root.TryGetProperty(name, out var array) ? [.. array.EnumerateArray().Select(e => e.GetString()!)] : [];
}
