using System.Text.RegularExpressions;

namespace Belfry.Server.Dispatch;

/// <summary>
/// Takes credentials out of a failed answer's excerpt before it is stored (docs/semantics.md, "Response excerpts"): a
/// target that echoes the request would otherwise put the attempt's OIDC token or the job's API keys in the store, the
/// API and every notification channel. Replaced by <see cref="Mask"/>: the attempt's own token and every value of the
/// job's headers (but the few that describe the body) wherever they appear; any JWT; the credentials after
/// <c>Bearer</c>, <c>Basic</c> or <c>Digest</c>; and the value of anything named like a credential (<c>Authorization</c>,
/// <c>Cookie</c>, <c>api_key</c>, <c>password</c>, <c>secret</c>, <c>token</c>…) in a header line, JSON or a query string.
/// </summary>
internal static partial class ExcerptRedaction
{
    public const string Mask = "[REDACTED]";

    // Job header values shorter than this are left alone: "true" or "1" would mask half of any body, and are no secret.
    private const int MinHeaderValueLength = 8;

    /// <returns>The redacted text, or null when it could not be checked in time (then nothing is kept).</returns>
    public static string? Redact(string text, string? token, IReadOnlyList<KeyValuePair<string, string>> jobHeaders)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(jobHeaders);
        if (!string.IsNullOrEmpty(token))
        {
            text = text.Replace(token, Mask, StringComparison.Ordinal);
        }

        foreach (var (name, value) in jobHeaders)
        {
            if (value.Length >= MinHeaderValueLength && !DescribesBody(name))
            {
                text = text.Replace(value, Mask, StringComparison.Ordinal);
            }
        }

        try
        {
            text = Jwt().Replace(text, Mask);
            text = Scheme().Replace(text, m => $"{m.Groups["scheme"].Value} {Mask}");
            return Named().Replace(text, m =>
            {
                if (!CredentialName().IsMatch(m.Groups["name"].Value))
                {
                    return m.Value;
                }

                var value = m.Groups["value"].Value;
                var quote = value.Length > 0 && value[0] is '"' or '\'' ? value[0].ToString() : "";
                return m.Groups["key"].Value + quote + Mask + quote;
            });
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    private static bool DescribesBody(string header) =>
        header.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) ||
        header.Equals("Accept", StringComparison.OrdinalIgnoreCase) ||
        header.Equals("Content-Language", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex Jwt();

    [GeneratedRegex(@"\b(?<scheme>Bearer|Basic|Digest)\s+[A-Za-z0-9\-._~+/]+=*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex Scheme();

    // key: a name (whole, at most 64 characters, so a long run of letters costs linear time, not quadratic), quoted or
    // not, then ':' or '='; value: a quoted string, or up to the end of the line, a separator or a closing quote or
    // brace. Only names that CredentialName matches are masked.
    [GeneratedRegex("""(?<key>(?<![A-Za-z0-9_-])["']?(?<name>[A-Za-z0-9_-]{1,64})["']?\s*[:=]\s*)(?<value>"(?:[^"\\\r\n]|\\.)*"|'[^'\r\n]*'|[^\r\n,;&}"']+)""",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex Named();

    [GeneratedRegex("authorization|cookie|api[-_]?key|password|passwd|secret|token|credential", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CredentialName();
}
