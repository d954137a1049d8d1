using Belfry.Core.Notifications;

namespace Belfry.Core.Tests.Notifications;

/// <summary>Which events an execution's final outcome raises, by the job's routes and its previous final outcome.</summary>
public sealed class ExecutionNotificationsTests
{
    private const string Ops = "projects/p/locations/l/channels/ops";
    private const string Team = "projects/p/locations/l/channels/team";
    private static readonly NotificationRoutes Routes = new([Ops], [Ops], [Ops, Team]);

    private static string Describe(IReadOnlyList<ExecutionNotice> notices) =>
        string.Join("; ", notices.Select(n => $"{n.Kind}: {string.Join(',', n.Channels.Select(c => c[(c.LastIndexOf('/') + 1)..]))}"));

    [Theory]
    [InlineData(null, false, "ExecutionFailed: ops")]
    [InlineData(1, false, "ExecutionFailed: ops")]
    [InlineData(2, false, "ExecutionFailed: ops")]
    [InlineData(null, true, "ExecutionSucceeded: ops,team")]
    [InlineData(1, true, "ExecutionSucceeded: ops,team")]
    [InlineData(2, true, "ExecutionRecovered: ops; ExecutionSucceeded: team")]
    public void Decide_ByPreviousOutcome(int? previous, bool succeeded, string expected)
    {
        var notices = ExecutionNotifications.Decide(Routes, (ExecutionOutcome?)previous, succeeded ? ExecutionOutcome.Succeeded : ExecutionOutcome.Failed);

        Assert.Equal(expected, Describe(notices));
    }

    [Fact]
    public void Decide_NoRoutes_Nothing()
    {
        Assert.Empty(ExecutionNotifications.Decide(NotificationRoutes.None, ExecutionOutcome.Failed, ExecutionOutcome.Succeeded));
        Assert.Empty(ExecutionNotifications.Decide(NotificationRoutes.None, null, ExecutionOutcome.Failed));
    }

    [Fact]
    public void Decide_RecoveryWithoutRecoveryRoute_OnlyTheOptInSuccess()
    {
        var routes = new NotificationRoutes([Ops], [], [Team]);

        Assert.Equal("ExecutionSucceeded: team", Describe(ExecutionNotifications.Decide(routes, ExecutionOutcome.Failed, ExecutionOutcome.Succeeded)));
    }

    [Fact]
    public void Excerpt_LongError_CutTo300()
    {
        Assert.Null(ExecutionNotifications.Excerpt("  "));
        Assert.Equal("connection refused", ExecutionNotifications.Excerpt(" connection refused\n"));
        var cut = ExecutionNotifications.Excerpt(new string('x', 1000))!;
        Assert.Equal(300, cut.Length);
        Assert.EndsWith("…", cut);
    }
}
