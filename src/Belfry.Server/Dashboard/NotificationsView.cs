using Belfry.Contracts.Channels;
using Belfry.Core.Alerts;
using Belfry.Core.Storage;

namespace Belfry.Server.Dashboard;

/// <summary>The notifications page's figures for one location: its channels as the API shows them, their failing notifications by channel id, its alert policies.</summary>
internal sealed record NotificationsView(
    IReadOnlyList<ChannelResource> Channels, IReadOnlyList<AlertPolicy> Policies, IReadOnlyDictionary<string, FailingChannel> Failing);
