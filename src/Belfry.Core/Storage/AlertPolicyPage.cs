using Belfry.Core.Alerts;

namespace Belfry.Core.Storage;

/// <summary>One page of alert policies ordered by id; <see cref="NextPageToken"/> is null on the last page.</summary>
internal sealed record AlertPolicyPage(IReadOnlyList<AlertPolicy> Policies, string? NextPageToken);
