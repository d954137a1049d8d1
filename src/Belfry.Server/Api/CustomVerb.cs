namespace Belfry.Server.Api;

/// <summary>
/// Custom methods ride on the last path segment, <c>…/jobs/{job}:run</c> (ids never contain ':'), and each resource
/// answers a POST without a known verb with NOT_FOUND naming the verbs it has.
/// </summary>
internal static class CustomVerb
{
    /// <summary>The id and the verb of <c>{id}:{verb}</c>; NOT_FOUND naming the path when there is no colon.</summary>
    /// <param name="segment">The last path segment, as the route bound it.</param>
    /// <param name="request">The request, whose path a refusal names.</param>
    /// <param name="api">The API in messages, e.g. <c>jobs</c> or <c>pipeline runs</c>.</param>
    /// <param name="verbs">The verbs it has, e.g. <c>:pause, :resume or :run</c>.</param>
    public static (string Id, string Verb) Split(string segment, HttpRequest request, string api, string verbs)
    {
        ArgumentNullException.ThrowIfNull(segment);
        var colon = segment.LastIndexOf(':');
        return colon < 0 ? throw NotAMethod(request, api, verbs) : (segment[..colon], segment[(colon + 1)..]);
    }

    /// <summary>NOT_FOUND naming the whole path, for a POST that names no verb of <paramref name="api"/>.</summary>
    public static ApiException NotAMethod(HttpRequest request, string api, string verbs)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ApiException.NotFound($"POST {request.Path} is not a method of the {api} API; use {verbs}.");
    }

    /// <summary>NOT_FOUND naming just the verb, for one <paramref name="api"/> does not have.</summary>
    public static ApiException Unknown(string verb, string api, string verbs) =>
        ApiException.NotFound($"\":{verb}\" is not a method of the {api} API; use {verbs}.");
}
