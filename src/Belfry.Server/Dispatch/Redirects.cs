namespace Belfry.Server.Dispatch;

/// <summary>
/// How an attempt follows a redirect (docs/semantics.md, "Redirects"). Followed in code rather than by
/// SocketsHttpHandler, which would carry the job's own headers (API keys) and a 307/308's body to any host: at another
/// origin (scheme, host or port) only the scheduler's headers go along, never the job's headers, its body or
/// <c>Authorization</c>. 301/302 turn a POST into a GET without body and 303 anything but HEAD, as browsers do;
/// 307/308 keep the method. An https:// target is never followed to http://, as .NET does.
/// </summary>
internal static class Redirects
{
    /// <summary>At most this many redirects per attempt, as before; the answer after the last one decides.</summary>
    public const int MaxRedirects = 10;

    /// <summary>Where <paramref name="response"/> sends the request next, or null when it is not a redirect to follow.</summary>
    public static Uri? Location(Uri current, HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(response);
        if ((int)response.StatusCode is not (301 or 302 or 303 or 307 or 308) || response.Headers.Location is not { } location)
        {
            return null;
        }

        var next = location.IsAbsoluteUri ? location : new Uri(current, location);
        if (next.Scheme != Uri.UriSchemeHttp && next.Scheme != Uri.UriSchemeHttps)
        {
            return null;
        }

        return current.Scheme == Uri.UriSchemeHttps && next.Scheme == Uri.UriSchemeHttp ? null : next;
    }

    /// <summary>The request to send to <paramref name="location"/> after <paramref name="previous"/> got <paramref name="status"/>.</summary>
    public static HttpRequestMessage Follow(HttpRequestMessage previous, Uri location, int status, ReadOnlyMemory<byte> body)
    {
        ArgumentNullException.ThrowIfNull(previous);
        var method = previous.Method;
        if ((status == 303 && method != HttpMethod.Head) || (status is 301 or 302 && method == HttpMethod.Post))
        {
            method = HttpMethod.Get;
        }

        var sameOrigin = IsSameOrigin(previous.RequestUri!, location);
        var next = new HttpRequestMessage(method, location);
        foreach (var (name, values) in previous.Headers)
        {
            if (sameOrigin || IsSchedulerHeader(name))
            {
                next.Headers.TryAddWithoutValidation(name, values);
            }
        }

        if (sameOrigin && method == previous.Method && previous.Content is { } content)
        {
            next.Content = new ReadOnlyMemoryContent(body);
            foreach (var (name, values) in content.Headers)
            {
                if (!string.Equals(name, "Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    next.Content.Headers.TryAddWithoutValidation(name, values);
                }
            }
        }

        return next;
    }

    public static bool IsSameOrigin(Uri a, Uri b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase) &&
               string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port;
    }

    // The job cannot set these (JobValidator reserves the prefixes; AttemptTracing replaces a job's traceparent and
    // tracestate with the attempt's), so keeping them never carries a job's secret.
    private static bool IsSchedulerHeader(string name) =>
        name.StartsWith("X-CloudScheduler", StringComparison.OrdinalIgnoreCase) ||
        string.Equals(name, "traceparent", StringComparison.OrdinalIgnoreCase) ||
        string.Equals(name, "tracestate", StringComparison.OrdinalIgnoreCase) ||
        name.StartsWith("X-Belfry-", StringComparison.OrdinalIgnoreCase) ||
        string.Equals(name, "User-Agent", StringComparison.OrdinalIgnoreCase);
}
