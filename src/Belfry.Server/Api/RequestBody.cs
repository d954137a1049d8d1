using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Belfry.Server.Api.Jobs;

namespace Belfry.Server.Api;

/// <summary>Reads a JSON request body within the 1 MB job limit; malformed JSON and unknown fields are INVALID_ARGUMENT.</summary>
internal static class RequestBody
{
    public static async Task<T?> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > JobValidator.MaxJobBytes)
            {
                throw ApiException.InvalidArgument("job: the request exceeds the 1 MB limit of a job.");
            }
        }

        if (buffer.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), typeInfo);
        }
        catch (JsonException e)
        {
            throw ApiException.InvalidArgument(Describe(e));
        }
    }

    private static string Describe(JsonException e)
    {
        var at = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : $" at '{e.Path.TrimStart('$', '.')}'";
        // System.Text.Json names the unmapped property in quotes; say it the way Google's APIs do.
        const string unmapped = "could not be mapped to any .NET member";
        if (e.Message.Contains(unmapped, StringComparison.Ordinal))
        {
            var start = e.Message.IndexOf('\'', StringComparison.Ordinal);
            var end = start < 0 ? -1 : e.Message.IndexOf('\'', start + 1);
            var field = end > start ? e.Message[(start + 1)..end] : "?";
            return $"Invalid JSON payload received. Unknown name \"{field}\"{at}: Cannot find field.";
        }

        return $"Invalid JSON payload received{at}: {FirstSentence(e.Message)}";
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
