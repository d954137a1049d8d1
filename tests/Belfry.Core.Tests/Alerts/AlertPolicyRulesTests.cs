using Belfry.Core.Alerts;
using Belfry.Core.Jobs;
using Belfry.Core.Notifications;

namespace Belfry.Core.Tests.Alerts;

/// <summary>"N failures in a window → one alert, then at most one per rate limit, and a resolve when it clears."</summary>
public sealed class AlertPolicyRulesTests
{
    private static readonly DateTimeOffset T0 = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly AlertPolicyName Name = new("p", "l", "scheduler-failures");

    private static AlertPolicy Policy(int failures = 2, AlertPolicyStatus? status = null, string[]? jobs = null, bool enabled = true) => new()
    {
        Name = Name,
        Failures = failures,
        Window = TimeSpan.FromMinutes(5),
        RateLimit = TimeSpan.FromMinutes(5),
        Channels = ["projects/p/locations/l/channels/ops"],
        Jobs = jobs ?? [],
        Enabled = enabled,
        Status = status ?? AlertPolicyStatus.Ok,
    };

    private static RecentFailure Failure(string job, DateTimeOffset finished) => new(new JobName("p", "l", job), $"exec-{job}-{finished.Ticks}", finished.AddMinutes(-1), finished);

    private static AlertPolicyDecision Evaluate(AlertPolicy policy, DateTimeOffset now, params RecentFailure[] failures) =>
        AlertPolicyRules.Evaluate(new AlertPolicyCheck(policy, failures), now);

    [Fact]
    public void Evaluate_BelowTheThreshold_Quiet()
    {
        var decision = Evaluate(Policy(), T0, Failure("a", T0));

        Assert.Null(decision.Event);
        Assert.Equal(AlertPolicyStatus.Ok, decision.Status);
    }

    [Fact]
    public void Evaluate_ThresholdReached_FiresOnceWithTheFailingJobs()
    {
        var decision = Evaluate(Policy(), T0, Failure("a", T0), Failure("b", T0.AddSeconds(-10)), Failure("a", T0.AddSeconds(-20)));

        var e = decision.Event!;
        Assert.Equal((NotificationEventKind.AlertFiring, 3, 2, false), (e.Kind, e.Failures, e.Threshold, e.Repeat));
        Assert.Equal([new JobFailureCount("a", 2), new JobFailureCount("b", 1)], e.FailingJobs);
        Assert.Equal(("a", Name), (e.Job!.JobId, e.Policy));
        Assert.Equal(new AlertPolicyStatus(true, T0, T0), decision.Status);
    }

    [Fact]
    public void Evaluate_FailuresOutsideTheWindowOrOtherJobs_NotCounted()
    {
        var policy = Policy(jobs: ["sync-*", "report"]);

        var decision = Evaluate(policy, T0, Failure("sync-a", T0.AddMinutes(-5)), Failure("other", T0), Failure("sync-b", T0), Failure("reports", T0));

        Assert.Null(decision.Event);
    }

    [Fact]
    public void Evaluate_FiringWithNewFailuresWithinTheRateLimit_Quiet()
    {
        var firing = Policy(status: new AlertPolicyStatus(true, T0, T0));

        var decision = Evaluate(firing, T0.AddMinutes(4), Failure("a", T0.AddMinutes(1)), Failure("a", T0.AddMinutes(3)));

        Assert.Null(decision.Event);
        Assert.Equal(firing.Status, decision.Status);
    }

    [Fact]
    public void Evaluate_FiringWithNewFailuresAfterTheRateLimit_RepeatsOnce()
    {
        var firing = Policy(status: new AlertPolicyStatus(true, T0, T0));

        var decision = Evaluate(firing, T0.AddMinutes(5), Failure("a", T0.AddMinutes(1)), Failure("a", T0.AddMinutes(4)));

        Assert.Equal((true, 2), (decision.Event!.Repeat, decision.Event.NewFailures));
        Assert.Equal(new AlertPolicyStatus(true, T0, T0.AddMinutes(5)), decision.Status);
    }

    [Fact]
    public void Evaluate_FiringWithoutNewFailuresAfterTheRateLimit_Quiet()
    {
        var firing = Policy(failures: 1, status: new AlertPolicyStatus(true, T0, T0));

        var decision = Evaluate(firing, T0.AddMinutes(4.5), Failure("a", T0));

        Assert.Null(decision.Event);
    }

    [Fact]
    public void Evaluate_FiringAndCleared_ResolvesOnce()
    {
        var firing = Policy(status: new AlertPolicyStatus(true, T0, T0));

        var decision = Evaluate(firing, T0.AddMinutes(6), Failure("a", T0.AddMinutes(2)));

        Assert.Equal(NotificationEventKind.AlertResolved, decision.Event!.Kind);
        Assert.Equal(AlertPolicyStatus.Ok, decision.Status);
    }

    [Fact]
    public void Evaluate_Disabled_QuietlyOk()
    {
        var decision = Evaluate(Policy(failures: 1, status: new AlertPolicyStatus(true, T0, T0), enabled: false), T0, Failure("a", T0));

        Assert.Null(decision.Event);
        Assert.Equal(AlertPolicyStatus.Ok, decision.Status);
    }
}
