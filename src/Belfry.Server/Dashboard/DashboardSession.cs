using System.Security.Cryptography;
using Belfry.Server.Hosting;

namespace Belfry.Server.Dashboard;

/// <summary>
/// The sign-in cookie: an HMAC of a fixed label keyed by the admin token, so it proves the token without being it,
/// every node sharing the token accepts it, and changing the token signs everyone out. It is a session cookie
/// (gone when the browser closes), HttpOnly, SameSite=Strict, and Secure on https.
/// </summary>
internal sealed class DashboardSession
{
    public const string CookieName = "belfry-dashboard";

    private readonly byte[]? _expected;

    public DashboardSession(AdminToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        _expected = token.IsRequired ? token.Mac("belfry dashboard session v1") : null;
    }

    /// <summary>Whether a sign-in can succeed: without an admin token there is none to present.</summary>
    public bool CanSignIn => _expected is not null;

    /// <summary>Whether the request carries the cookie that <see cref="SignIn"/> set.</summary>
    public bool IsSignedIn(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_expected is null || request.Cookies[CookieName] is not { Length: > 0 } cookie)
        {
            return false;
        }

        try
        {
            return CryptographicOperations.FixedTimeEquals(Convert.FromBase64String(cookie), _expected);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Sets the cookie on <paramref name="context"/>'s response; the token must have been checked already.</summary>
    public void SignIn(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_expected is null)
        {
            return;
        }

        context.Response.Cookies.Append(CookieName, Convert.ToBase64String(_expected), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = DashboardPaths.Root,
        });
    }

    public static void SignOut(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = DashboardPaths.Root });
    }
}
