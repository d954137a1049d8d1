using Belfry.Contracts.Channels;
using Belfry.Core.Alerts;
using Belfry.Core.Jobs;
using Belfry.Core.Notifications;
using Belfry.Core.Storage;
using Belfry.Server.Api.Channels;
using Belfry.Server.Cluster;

namespace Belfry.Server.Dashboard;

/// <summary>
/// What the notifications page and the overview's "Notifications failing" show, read through the stores the channels
/// and alert policies API reads, and channels mapped as the API maps them (<see cref="ChannelMapper"/>): a webhook
/// URL or secret shows only as the reference it was given as, never as a value.
/// </summary>
internal sealed class NotificationsReader(IChannelStore channels, IAlertPolicyStore policies, INotificationOutbox outbox, ClusterClock clock)
{
    /// <summary>
    /// How far back a notification given up still counts as failing, unless its channel delivered one since: the
    /// overview's success-rate window, and the outbox's default retention (<c>Belfry:Notifications:Retention</c>).
    /// </summary>
    public static readonly TimeSpan FailingWindow = TimeSpan.FromDays(7);

    /// <summary>Failing channels read at most: the overview lists the newest failures, and a page shows a location's.</summary>
    private const int MaxFailing = 100;

    private const int ReadPageSize = Api.Paging.MaxPageSize;

    /// <summary>The channels of <paramref name="project"/> whose notifications are failing now, newest failure first.</summary>
    public async Task<IReadOnlyList<(ChannelName Name, FailingChannel Failing)>> FailingAsync(string project, CancellationToken cancellationToken)
    {
        var failing = await outbox.ListFailingChannelsAsync(clock.GetUtcNow() - FailingWindow, MaxFailing, cancellationToken).ConfigureAwait(false);
        return [.. failing.Select(f => (Name: ChannelName.TryParse(f.Channel, out var name) ? name : null, Failing: f))
            .Where(f => f.Name is not null && f.Name.Project == project)
            .Select(f => (f.Name!, f.Failing))];
    }

    /// <summary>A location's channels (in the API's masked form, each with its failing notifications) and alert policies.</summary>
    public async Task<NotificationsView> LocationAsync(LocationName parent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parent);
        var found = new List<ChannelResource>();
        string? token = null;
        do
        {
            var page = await channels.ListChannelsAsync(parent, ReadPageSize, token, cancellationToken).ConfigureAwait(false);
            found.AddRange(page.Channels.Select(ChannelMapper.ToResource));
            token = page.NextPageToken;
        }
        while (token is not null);

        var rules = new List<AlertPolicy>();
        do
        {
            var page = await policies.ListAlertPoliciesAsync(parent, ReadPageSize, token, cancellationToken).ConfigureAwait(false);
            rules.AddRange(page.Policies);
            token = page.NextPageToken;
        }
        while (token is not null);

        var failing = (await FailingAsync(parent.Project, cancellationToken).ConfigureAwait(false))
            .Where(f => f.Name.Location == parent.Location)
            .ToDictionary(f => f.Name.ChannelId, f => f.Failing, StringComparer.Ordinal);
        return new NotificationsView(found, rules, failing);
    }
}
