using System.Security.Cryptography;
using System.Text;

namespace Belfry.Server.Hosting;

/// <summary>
/// The admin API's bearer token, resolved once at start, or none (open admin API, loopback only). Only its SHA-256
/// is kept, and a presented token is compared by hash in constant time, so neither timing nor length leaks it.
/// </summary>
internal sealed class AdminToken
{
    private readonly byte[]? _hash;

    private AdminToken(byte[]? hash) => _hash = hash;

    /// <summary>Whether <c>/v1</c> requests need <c>Authorization: Bearer</c>.</summary>
    public bool IsRequired => _hash is not null;

    /// <summary>
    /// The token from <paramref name="options"/>; throws <see cref="StartupRefusedException"/> when the settings
    /// conflict, the file cannot be read or is empty, or when no token is set yet an address is beyond loopback or
    /// <paramref name="trustProxy"/> says a reverse proxy forwards remote callers.
    /// </summary>
    public static AdminToken Resolve(AdminAccessOptions options, IReadOnlyList<string> listenAddresses, bool trustProxy = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(listenAddresses);
        var token = string.IsNullOrWhiteSpace(options.AdminToken) ? null : options.AdminToken.Trim();
        if (!string.IsNullOrWhiteSpace(options.AdminTokenFile))
        {
            if (token is not null)
            {
                throw new StartupRefusedException(
                    $"Both an admin token (Belfry:AdminToken or {AdminAccessOptions.EnvironmentVariable}) and an admin token file " +
                    "(Belfry:AdminTokenFile) are set; set only one.");
            }

            token = ReadFile(options.AdminTokenFile);
        }

        if (token is null && listenAddresses.FirstOrDefault(a => !ListenAddresses.IsLoopback(a)) is { } exposed)
        {
            throw new StartupRefusedException(
                $"Refusing to start: the server would listen on {exposed}, beyond loopback, without an admin token. Set " +
                $"{AdminAccessOptions.EnvironmentVariable} or pass --admin-token-file FILE (Belfry:AdminTokenFile), or listen on 127.0.0.1.");
        }

        if (token is null && trustProxy)
        {
            throw new StartupRefusedException(
                $"Refusing to start: --trust-proxy (Belfry:TrustProxy) says a reverse proxy forwards remote callers, and they need an admin token. " +
                $"Set {AdminAccessOptions.EnvironmentVariable} or pass --admin-token-file FILE (Belfry:AdminTokenFile).");
        }

        return new AdminToken(token is null ? null : Hash(token));
    }

    /// <summary>Whether <paramref name="presented"/> is the token; false when none was presented.</summary>
    public bool Matches(string? presented) =>
        _hash is not null && presented is not null && CryptographicOperations.FixedTimeEquals(Hash(presented), _hash);

    /// <summary>
    /// An HMAC-SHA256 of <paramref name="label"/> keyed by the token's hash: a value derived from the token that does not
    /// reveal it (the dashboard's sign-in cookie). Only when <see cref="IsRequired"/>.
    /// </summary>
    public byte[] Mac(string label) =>
        HMACSHA256.HashData(_hash ?? throw new InvalidOperationException("No admin token is configured."), Encoding.UTF8.GetBytes(label));

    private static string ReadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StartupRefusedException($"Cannot read the admin token file {path}: {e.Message}");
        }

        return string.IsNullOrWhiteSpace(text)
            ? throw new StartupRefusedException($"The admin token file {path} is empty.")
            : text.Trim();
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
