namespace Belfry.Contracts.Alerts;

/// <summary>One page of alert policies.</summary>
public sealed class ListAlertPoliciesResponse
{
    /// <summary>The policies, ordered by id.</summary>
    public List<AlertPolicyResource> AlertPolicies { get; set; } = [];

    /// <summary>Pass as <c>pageToken</c> for the next page; absent on the last.</summary>
    public string? NextPageToken { get; set; }
}
