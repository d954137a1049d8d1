using Belfry.Core.Notifications;
using Belfry.Core.Storage;

namespace Belfry.Storage.ContractTests;

/// <summary>The notifications failing now, per channel (<see cref="INotificationOutbox.ListFailingChannelsAsync"/>; the dashboard's overview).</summary>
public abstract partial class JobStoreContractTests
{
    private const string Quiet = "projects/belfry-test/locations/us-central1/channels/quiet";

    /// <summary>Enqueues one event for <paramref name="channel"/> at <paramref name="at"/>, claims it alone and records <paramref name="state"/>.</summary>
    private async Task<string> TryOnceAsync(string channel, DateTimeOffset at, NotificationDelivery state, int? statusCode, string? error)
    {
        var id = await Outbox.EnqueueNotificationAsync(channel, new NotificationEvent { Kind = NotificationEventKind.Test, Time = at }, at, Ct);
        var row = Assert.Single(await ClaimNotificationsAsync(at));
        Assert.Equal(id, row.Id);
        var next = state == NotificationDelivery.Pending ? at.AddMinutes(5) : (DateTimeOffset?)null;
        Assert.True(await Outbox.RecordNotificationAsync(new NotificationResult(id, row.AttemptNumber, state, next, statusCode, error, at), Ct));
        return id;
    }

    [Fact]
    public async Task ListFailingChannels_RetryingAndGivenUp_OnePerChannelWithTheNewestFailure()
    {
        await TryOnceAsync(Ops, StoreTime.T0, NotificationDelivery.Failed, 404, "The receiver answered HTTP 404.");
        await TryOnceAsync(Ops, StoreTime.T0.AddSeconds(1), NotificationDelivery.Pending, 500, "The receiver answered HTTP 500.");
        await TryOnceAsync(Team, StoreTime.T0.AddSeconds(2), NotificationDelivery.Pending, null, "Not delivered: connection refused.");
        await TryOnceAsync(Quiet, StoreTime.T0.AddSeconds(3), NotificationDelivery.Delivered, 204, null);
        await Outbox.EnqueueNotificationAsync(Quiet, new NotificationEvent { Kind = NotificationEventKind.Test, Time = StoreTime.T0 }, StoreTime.T0.AddSeconds(4), Ct);

        var failing = await Outbox.ListFailingChannelsAsync(StoreTime.T0.AddDays(-7), 10, Ct);

        Assert.Equal(
            [
                new FailingChannel(Team, 1, 0, StoreTime.T0.AddSeconds(2), null, "Not delivered: connection refused."),
                new FailingChannel(Ops, 1, 1, StoreTime.T0.AddSeconds(1), 500, "The receiver answered HTTP 500."),
            ],
            failing);
        Assert.Equal([Team], (await Outbox.ListFailingChannelsAsync(StoreTime.T0.AddDays(-7), 1, Ct)).Select(f => f.Channel));
    }

    [Fact]
    public async Task ListFailingChannels_RetryBeingSent_StillRetrying()
    {
        var id = await TryOnceAsync(Ops, StoreTime.T0, NotificationDelivery.Pending, 503, "The receiver answered HTTP 503.");
        Assert.Equal((id, 2), Assert.Single(await ClaimNotificationsAsync(StoreTime.T0.AddMinutes(5))) is var row ? (row.Id, row.AttemptNumber) : default);

        var failing = Assert.Single(await Outbox.ListFailingChannelsAsync(StoreTime.T0, 10, Ct));

        Assert.Equal(new FailingChannel(Ops, 1, 0, StoreTime.T0, 503, "The receiver answered HTTP 503."), failing);
    }

    [Fact]
    public async Task ListFailingChannels_GivenUpBeforeTheWindowOrBeforeADelivery_NotFailing()
    {
        await TryOnceAsync(Ops, StoreTime.T0, NotificationDelivery.Failed, 500, "The receiver answered HTTP 500. No more retries.");
        await TryOnceAsync(Team, StoreTime.T0.AddDays(2), NotificationDelivery.Failed, 410, "The receiver answered HTTP 410.");
        await TryOnceAsync(Team, StoreTime.T0.AddDays(3), NotificationDelivery.Delivered, 200, null);
        await TryOnceAsync(Quiet, StoreTime.T0.AddDays(3), NotificationDelivery.Delivered, 200, null);
        await TryOnceAsync(Quiet, StoreTime.T0.AddDays(4), NotificationDelivery.Failed, 400, "The receiver answered HTTP 400.");

        var failing = await Outbox.ListFailingChannelsAsync(StoreTime.T0.AddDays(1), 10, Ct);

        Assert.Equal([new FailingChannel(Quiet, 0, 1, StoreTime.T0.AddDays(4), 400, "The receiver answered HTTP 400.")], failing);
        Assert.Equal([Quiet, Ops], (await Outbox.ListFailingChannelsAsync(StoreTime.T0, 10, Ct)).Select(f => f.Channel));
    }
}
