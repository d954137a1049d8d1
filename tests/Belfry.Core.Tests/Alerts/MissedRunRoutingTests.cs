using Belfry.Core.Alerts;
using Belfry.Core.Jobs;
using Belfry.Core.Notifications;
using Belfry.Core.Tests.Notifications;

namespace Belfry.Core.Tests.Alerts;

/// <summary>Where a missed-run check's events go: missed runs to the failure route, resolutions to the recovery route.</summary>
public sealed class MissedRunRoutingTests
{
    private const string Ops = "projects/p/locations/l/channels/ops";
    private const string Team = "projects/p/locations/l/channels/team";
    private static readonly DateTimeOffset Now = new(2027, 1, 2, 0, 0, 0, TimeSpan.Zero);
    private static readonly NotificationRoutes Routes = new([Ops], [Team], [Ops, Team]);

    private static NotificationEvent Event(NotificationEventKind kind) =>
        new() { Kind = kind, Time = Now, Job = new JobName("p", "l", "sync"), ScheduleTime = Now.AddHours(-3) };

    [Theory]
    [InlineData("", "")]
    [InlineData("MissedRun", "MissedRun: ops")]
    [InlineData("MissedRunResolved", "MissedRunResolved: team")]
    [InlineData("MissedRunResolved MissedRun", "MissedRunResolved: team; MissedRun: ops")]
    [InlineData("MissedRun MissedRunResolved", "MissedRun: ops; MissedRunResolved: team")]
    public void Route_ByKind_FailureOrRecoveryChannelsInOrder(string kinds, string expected)
    {
        var events = kinds.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(k => Event(Enum.Parse<NotificationEventKind>(k))).ToList();

        var routed = MissedRunRouting.Route(new MissedRunDecision(JobWatch.None, Now, events), Routes);

        Assert.Equal(expected, OutboxNotation.Describe(routed));
        Assert.All(routed, (e, i) => Assert.Same(events[i], e.Event));
    }

    [Fact]
    public void Route_NoRoutes_EventsKeptWithoutChannels()
    {
        var routed = MissedRunRouting.Route(new MissedRunDecision(JobWatch.None, null, [Event(NotificationEventKind.MissedRun)]), NotificationRoutes.None);

        Assert.Empty(Assert.Single(routed).Channels);
    }
}
