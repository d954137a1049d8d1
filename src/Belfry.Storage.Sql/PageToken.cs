using System.Buffers.Text;
using System.Text;
using Belfry.Core.Storage;

namespace Belfry.Storage.Sql;

/// <summary>
/// Opaque keyset page tokens: base64url of a kind tag, the scope the token belongs to (a location or a job) and the
/// last key returned. A token from another scope, or anything else that does not decode, is
/// <see cref="InvalidPageTokenException"/>.
/// </summary>
internal static class PageToken
{
    private const char Separator = '\n';

    public static string Encode(string kind, string scope, params string[] key) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Join(Separator, [kind, scope, .. key])));

    /// <summary>The key parts of <paramref name="token"/>, or null when there is no token.</summary>
    public static string[]? Decode(string? token, string kind, string scope, int keyParts)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException)
        {
            throw new InvalidPageTokenException();
        }

        var parts = text.Split(Separator);
        if (parts.Length != keyParts + 2 || parts[0] != kind || parts[1] != scope)
        {
            throw new InvalidPageTokenException();
        }

        return parts[2..];
    }

    /// <summary>Clamps a requested page size: 0 or less means the default, 100; at most 500.</summary>
    public static int ClampPageSize(int pageSize) => pageSize <= 0 ? 100 : Math.Min(pageSize, 500);
}
