using System.Text;
using Belfry.Contracts.Jobs;

namespace Belfry.Server.Api.Jobs;

/// <summary>
/// Applies <c>updateMask</c> paths (camelCase or snake_case, nested with dots) from a patch onto a job's wire
/// form. A path whose field is absent in the patch resets that field to its default, as in Cloud Scheduler.
/// </summary>
internal static class UpdateMask
{
    private static readonly Dictionary<string, Action<JobResource, JobResource>> Setters = new(StringComparer.Ordinal)
    {
        ["description"] = (t, p) => t.Description = p.Description,
        ["schedule"] = (t, p) => t.Schedule = p.Schedule,
        ["timeZone"] = (t, p) => t.TimeZone = p.TimeZone,
        ["attemptDeadline"] = (t, p) => t.AttemptDeadline = p.AttemptDeadline,
        ["httpTarget"] = (t, p) => t.HttpTarget = p.HttpTarget,
        ["httpTarget.uri"] = (t, p) => Target(t).Uri = p.HttpTarget?.Uri,
        ["httpTarget.httpMethod"] = (t, p) => Target(t).HttpMethod = p.HttpTarget?.HttpMethod,
        ["httpTarget.headers"] = (t, p) => Target(t).Headers = p.HttpTarget?.Headers,
        ["httpTarget.body"] = (t, p) => Target(t).Body = p.HttpTarget?.Body,
        ["httpTarget.oidcToken"] = (t, p) => Target(t).OidcToken = p.HttpTarget?.OidcToken,
        ["httpTarget.oidcToken.serviceAccountEmail"] = (t, p) => Oidc(t).ServiceAccountEmail = p.HttpTarget?.OidcToken?.ServiceAccountEmail,
        ["httpTarget.oidcToken.audience"] = (t, p) => Oidc(t).Audience = p.HttpTarget?.OidcToken?.Audience,
        ["retryConfig"] = (t, p) => t.RetryConfig = p.RetryConfig,
        ["retryConfig.retryCount"] = (t, p) => Retry(t).RetryCount = p.RetryConfig?.RetryCount,
        ["retryConfig.maxRetryDuration"] = (t, p) => Retry(t).MaxRetryDuration = p.RetryConfig?.MaxRetryDuration,
        ["retryConfig.minBackoffDuration"] = (t, p) => Retry(t).MinBackoffDuration = p.RetryConfig?.MinBackoffDuration,
        ["retryConfig.maxBackoffDuration"] = (t, p) => Retry(t).MaxBackoffDuration = p.RetryConfig?.MaxBackoffDuration,
        ["retryConfig.maxDoublings"] = (t, p) => Retry(t).MaxDoublings = p.RetryConfig?.MaxDoublings,
        ["belfry"] = (t, p) => t.Belfry = p.Belfry,
        ["belfry.overlapPolicy"] = (t, p) => Belfry(t).OverlapPolicy = p.Belfry?.OverlapPolicy,
        ["belfry.catchUpPolicy"] = (t, p) => Belfry(t).CatchUpPolicy = p.Belfry?.CatchUpPolicy,
        ["belfry.catchUpWindow"] = (t, p) => Belfry(t).CatchUpWindow = p.Belfry?.CatchUpWindow,
        ["belfry.notifyOnFailure"] = (t, p) => Belfry(t).NotifyOnFailure = p.Belfry?.NotifyOnFailure,
        ["belfry.notifyOnRecovery"] = (t, p) => Belfry(t).NotifyOnRecovery = p.Belfry?.NotifyOnRecovery,
        ["belfry.notifyOnSuccess"] = (t, p) => Belfry(t).NotifyOnSuccess = p.Belfry?.NotifyOnSuccess,
        ["belfry.missedRunDeadline"] = (t, p) => Belfry(t).MissedRunDeadline = p.Belfry?.MissedRunDeadline,
    };

    /// <summary>Paths of the fields present in <paramref name="patch"/>, for a PATCH without a mask.</summary>
    public static IReadOnlyList<string> PresentPaths(JobResource patch)
    {
        ArgumentNullException.ThrowIfNull(patch);
        var paths = new List<string>();
        void Add(bool present, string path)
        {
            if (present)
            {
                paths.Add(path);
            }
        }

        Add(patch.Description is not null, "description");
        Add(patch.Schedule is not null, "schedule");
        Add(patch.TimeZone is not null, "timeZone");
        Add(patch.AttemptDeadline is not null, "attemptDeadline");
        Add(patch.HttpTarget is not null, "httpTarget");
        Add(patch.RetryConfig is not null, "retryConfig");
        Add(patch.Belfry is not null, "belfry");
        return paths;
    }

    /// <summary>Parses <c>a,b.c</c> into normalised camelCase paths, or throws INVALID_ARGUMENT naming the bad one.</summary>
    public static IReadOnlyList<string> Parse(string mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        var paths = new List<string>();
        foreach (var raw in mask.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var path = string.Join('.', raw.Split('.').Select(ToCamelCase));
            if (!Setters.ContainsKey(path))
            {
                throw ApiException.InvalidArgument($"updateMask: \"{raw}\" is not a field of Job that can be updated.");
            }

            paths.Add(path);
        }

        return paths;
    }

    public static void Apply(JobResource target, JobResource patch, IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        foreach (var path in paths)
        {
            Setters[path](target, patch);
        }
    }

    private static string ToCamelCase(string segment)
    {
        var builder = new StringBuilder(segment.Length);
        var upper = false;
        foreach (var c in segment)
        {
            if (c == '_')
            {
                upper = true;
                continue;
            }

            builder.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        return builder.ToString();
    }

    private static HttpTargetResource Target(JobResource job) => job.HttpTarget ??= new HttpTargetResource();

    private static OidcTokenResource Oidc(JobResource job) => Target(job).OidcToken ??= new OidcTokenResource();

    private static RetryConfigResource Retry(JobResource job) => job.RetryConfig ??= new RetryConfigResource();

    private static BelfrySettingsResource Belfry(JobResource job) => job.Belfry ??= new BelfrySettingsResource();
}
