using System.Text.Json;

namespace Belfry.Storage.Sql;

/// <summary>Headers as an ordered JSON array of <c>["name", "value"]</c> pairs: order and duplicates survive.</summary>
internal static class HeadersJson
{
    public static string Write(IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var (name, value) in headers)
            {
                writer.WriteStartArray();
                writer.WriteStringValue(name);
                writer.WriteStringValue(value);
                writer.WriteEndArray();
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static IReadOnlyList<KeyValuePair<string, string>> Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        var headers = new List<KeyValuePair<string, string>>(document.RootElement.GetArrayLength());
        foreach (var pair in document.RootElement.EnumerateArray())
        {
            headers.Add(new(pair[0].GetString()!, pair[1].GetString()!));
        }

        return headers;
    }
}
