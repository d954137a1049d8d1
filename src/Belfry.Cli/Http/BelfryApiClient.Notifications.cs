using System.Text.Json.Nodes;
using Belfry.Contracts.Alerts;
using Belfry.Contracts.Channels;
using Belfry.Contracts.Serialization;
using Belfry.Core.Alerts;
using Belfry.Core.Jobs;
using Belfry.Core.Notifications;

namespace Belfry.Cli.Http;

/// <summary>Belfry's notification resources: channels and alert policies (docs/notifications.md).</summary>
internal sealed partial class BelfryApiClient
{
    public Task<JsonNode> CreateChannelAsync(ChannelName name, ChannelResource channel, CancellationToken cancellationToken) =>
        CreateAsync(name.Parent, ChannelName.Collection, channel, BelfryJsonContext.Default.ChannelResource, cancellationToken);

    public Task<JsonNode> GetChannelAsync(ChannelName name, CancellationToken cancellationToken) => GetAsync(Path(name), cancellationToken);

    public Task<JsonNode> ListChannelsAsync(LocationName parent, int? pageSize, string? pageToken, CancellationToken cancellationToken) =>
        ListAsync($"{Path(parent)}/{ChannelName.Collection}", pageSize, pageToken, cancellationToken);

    public Task<JsonNode> DeleteChannelAsync(ChannelName name, CancellationToken cancellationToken) => DeleteAsync(Path(name), cancellationToken);

    /// <summary><c>:test</c>: answers <c>{"delivered":…,"statusCode":…}</c>.</summary>
    public Task<JsonNode> TestChannelAsync(ChannelName name, CancellationToken cancellationToken) =>
        CustomMethodAsync(Path(name), "test", cancellationToken);

    public Task<JsonNode> CreateAlertPolicyAsync(AlertPolicyName name, AlertPolicyResource policy, CancellationToken cancellationToken) =>
        CreateAsync(name.Parent, AlertPolicyName.Collection, policy, BelfryJsonContext.Default.AlertPolicyResource, cancellationToken);

    public Task<JsonNode> GetAlertPolicyAsync(AlertPolicyName name, CancellationToken cancellationToken) => GetAsync(Path(name), cancellationToken);

    public Task<JsonNode> ListAlertPoliciesAsync(LocationName parent, int? pageSize, string? pageToken, CancellationToken cancellationToken) =>
        ListAsync($"{Path(parent)}/{AlertPolicyName.Collection}", pageSize, pageToken, cancellationToken);

    public Task<JsonNode> DeleteAlertPolicyAsync(AlertPolicyName name, CancellationToken cancellationToken) => DeleteAsync(Path(name), cancellationToken);

    private static string Path(ChannelName name) => Path(name.Parent, ChannelName.Collection, name.ChannelId);

    private static string Path(AlertPolicyName name) => Path(name.Parent, AlertPolicyName.Collection, name.PolicyId);
}
