namespace Belfry.Contracts.Serialization;

/// <summary>
/// Protobuf JSON's <c>bytes</c>: base64 in the standard or the URL-safe alphabet, padding optional, as the API's
/// <c>httpTarget.body</c> takes it and Terraform's provider passes it.
/// </summary>
internal static class ProtobufBase64
{
    public static bool TryDecode(string text, out ReadOnlyMemory<byte> bytes)
    {
        ArgumentNullException.ThrowIfNull(text);
        var standard = text.Replace('-', '+').Replace('_', '/');
        standard = standard.PadRight(standard.Length + ((4 - (standard.Length % 4)) % 4), '=');
        var buffer = new byte[standard.Length];
        var decoded = Convert.TryFromBase64String(standard, buffer, out var written);
        bytes = decoded ? buffer.AsMemory(0, written) : ReadOnlyMemory<byte>.Empty;
        return decoded;
    }
}
