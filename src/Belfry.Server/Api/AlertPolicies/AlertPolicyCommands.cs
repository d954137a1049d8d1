using Belfry.Contracts.Alerts;
using Belfry.Contracts.Serialization;
using Belfry.Core.Alerts;
using Belfry.Core.Jobs;
using Belfry.Core.Storage;
using Belfry.Server.Api.Channels;

namespace Belfry.Server.Api.AlertPolicies;

/// <summary>What the alert policies API does: validate with defaults, create, update under a mask, delete.</summary>
internal sealed class AlertPolicyCommands(IAlertPolicyStore store, IChannelStore channels, TimeProvider time)
    : IResourceCommands<AlertPolicyName, AlertPolicy, AlertPolicyResource, ListAlertPoliciesResponse>
{
    public const int MaxFailures = 1000;
    public const int MaxJobSelectors = 100;
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(7);
    private static readonly TimeSpan DefaultWindow = TimeSpan.FromMinutes(5);

    private static readonly NameResolver<AlertPolicyName> Names = new()
    {
        TryParse = AlertPolicyName.TryParse,
        ParentOf = n => n.Parent,
        Form = "an alert policy name of the form projects/PROJECT/locations/LOCATION/alertPolicies/POLICY_ID",
        Missing = "name: required (or the alertPolicyId query parameter).",
        IdParameter = "alertPolicyId",
        IdOf = n => n.PolicyId,
        FromId = (parent, id) => ApiNames.AlertPolicy(parent.Project, parent.Location, id),
    };

    public static readonly ApiResource<AlertPolicyCommands, AlertPolicyName, AlertPolicy, AlertPolicyResource, ListAlertPoliciesResponse> Resource = new(
        "alertPolicy", "alert policy", "policy", ApiNames.AlertPolicy, BelfryJsonContext.Default.AlertPolicyResource, AlertPolicyMapper.ToResource,
        BelfryJsonContext.Default.ListAlertPoliciesResponse) { IdParameter = Names.IdParameter, DefaultPageSize = 100 };

    private static readonly FieldMask<AlertPolicyResource> Fields =
        new FieldMask<AlertPolicyResource>(raw => $"updateMask: \"{raw}\" is not a field of AlertPolicy that can be updated.")
            .Field("displayName", p => p.DisplayName, (t, p) => t.DisplayName = p.DisplayName)
            .Field("failures", p => p.Failures, (t, p) => t.Failures = p.Failures)
            .Field("window", p => p.Window, (t, p) => t.Window = p.Window)
            .Field("rateLimit", p => p.RateLimit, (t, p) => t.RateLimit = p.RateLimit)
            .Field("channels", p => p.Channels, (t, p) => t.Channels = p.Channels)
            .Field("jobs", p => p.Jobs, (t, p) => t.Jobs = p.Jobs)
            .Field("enabled", p => p.Enabled, (t, p) => t.Enabled = p.Enabled);

    public async Task<AlertPolicy> CreateAsync(LocationName parent, AlertPolicyResource resource, string? policyId, CancellationToken cancellationToken)
    {
        var name = Names.Resolve(parent, resource.Name, policyId);
        var policy = Created(name, resource, time.GetUtcNow());
        await ChannelReferences.EnsureExistAsync(channels, "channels", policy.Channels, null, cancellationToken).ConfigureAwait(false);
        await Resource.CreateAsync(() => store.CreateAlertPolicyAsync(policy, cancellationToken), name).ConfigureAwait(false);
        return policy;
    }

    public async Task<ListAlertPoliciesResponse> ListAsync(LocationName parent, int pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        var page = await store.ListAlertPoliciesAsync(parent, pageSize, pageToken, cancellationToken).ConfigureAwait(false);
        return new ListAlertPoliciesResponse { AlertPolicies = [.. page.Policies.Select(AlertPolicyMapper.ToResource)], NextPageToken = page.NextPageToken };
    }

    public Task<AlertPolicy> GetAsync(AlertPolicyName name, CancellationToken cancellationToken) =>
        Resource.FoundAsync(store.GetAlertPolicyAsync(name, cancellationToken), name);

    public async Task<AlertPolicy> UpdateAsync(AlertPolicyName name, AlertPolicyResource patch, string? updateMask, CancellationToken cancellationToken)
    {
        Resource.EnsureSameName(patch.Name, name);
        var current = await GetAsync(name, cancellationToken).ConfigureAwait(false);
        var wire = AlertPolicyMapper.ToResource(current);
        Fields.Apply(wire, patch, Fields.Paths(patch, updateMask));

        var next = Replaced(current, wire, time.GetUtcNow());
        await ChannelReferences.EnsureExistAsync(channels, "channels", next.Channels, current.Channels, cancellationToken).ConfigureAwait(false);
        return await store.UpdateAlertPolicyAsync(next, cancellationToken).ConfigureAwait(false)
            ? await GetAsync(name, cancellationToken).ConfigureAwait(false)
            : throw Resource.NotFound(name);
    }

    public Task DeleteAsync(AlertPolicyName name, CancellationToken cancellationToken) =>
        Resource.DeleteAsync(store.DeleteAlertPolicyAsync(name, cancellationToken), name);

    /// <summary>A new policy, status OK (create, and a change set's create).</summary>
    public static AlertPolicy Created(AlertPolicyName name, AlertPolicyResource resource, DateTimeOffset now) =>
        Validate(name, resource) with { CreateTime = now, UpdateTime = now, ConditionTime = now };

    /// <summary><paramref name="current"/> with the definition of <paramref name="wire"/>, a whole policy; the status is the evaluator's and is kept.</summary>
    public static AlertPolicy Replaced(AlertPolicy current, AlertPolicyResource wire, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(current);
        var next = Validate(current.Name, wire) with { CreateTime = current.CreateTime, UpdateTime = now, Status = current.Status };

        // A changed condition judges afresh from now; a new display name, channel list or rate limit keeps what is judged.
        return next with { ConditionTime = next.ConditionDiffers(current) ? now : current.ConditionTime };
    }

    /// <summary>The definition with defaults: failures 1, window 300s, rate limit = window, enabled.</summary>
    private static AlertPolicy Validate(AlertPolicyName name, AlertPolicyResource resource)
    {
        var failures = resource.Failures ?? 1;
        if (failures is < 1 or > MaxFailures)
        {
            throw ApiException.InvalidArgument($"failures: must be between 1 and {MaxFailures}, got {failures}.");
        }

        var window = Duration("window", resource.Window, DefaultWindow);
        if (window < TimeSpan.FromSeconds(1) || window > MaxWindow)
        {
            throw ApiException.InvalidArgument($"window: must be between 1s and 7 days (604800s), got {DurationFormat.Format(window)}.");
        }

        var rateLimit = Duration("rateLimit", resource.RateLimit, window);
        if (rateLimit < TimeSpan.Zero || rateLimit > MaxWindow)
        {
            throw ApiException.InvalidArgument($"rateLimit: must be between 0s and 7 days (604800s), got {DurationFormat.Format(rateLimit)}.");
        }

        var channels = ChannelReferences.Resolve("channels", resource.Channels, name.Parent);
        if (channels.Count == 0)
        {
            throw ApiException.InvalidArgument("channels: at least one channel is required.");
        }

        var jobs = (resource.Jobs ?? []).Distinct(StringComparer.Ordinal).ToList();
        if (jobs.Count > MaxJobSelectors)
        {
            throw ApiException.InvalidArgument($"jobs: at most {MaxJobSelectors} entries, got {jobs.Count}.");
        }

        foreach (var job in jobs)
        {
            var id = job.EndsWith('*') ? job[..^1] : job;
            if (!(id.Length == 0 && job.Length == 1) && !ResourceId.IsValidJobId(id))
            {
                throw ApiException.InvalidArgument($"jobs: \"{job}\" is not a job id, or a prefix of one followed by '*'.");
            }
        }

        return new AlertPolicy
        {
            Name = name,
            DisplayName = ChannelValidator.DisplayName(resource.DisplayName),
            Failures = failures,
            Window = window,
            RateLimit = rateLimit,
            Channels = channels,
            Jobs = jobs,
            Enabled = resource.Enabled ?? true,
        };
    }

    private static TimeSpan Duration(string field, string? text, TimeSpan fallback) =>
        string.IsNullOrEmpty(text) ? fallback : DurationFormat.Parse(field, text);
}
