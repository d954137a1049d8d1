using Belfry.Core.Alerts;
using Belfry.Core.Executions;
using Belfry.Core.Jobs;
using Belfry.Core.Notifications;
using Belfry.Core.Scheduling;
using Belfry.Core.Storage;

namespace Belfry.Storage.ContractTests;

/// <summary>Channels, alert policies and the notification outbox (<see cref="IChannelStore"/>, <see cref="IAlertPolicyStore"/>, <see cref="IMissedRunStore"/>, <see cref="INotificationOutbox"/>).</summary>
public abstract partial class JobStoreContractTests
{
    private const string Ops = "projects/belfry-test/locations/us-central1/channels/ops";
    private const string Team = "projects/belfry-test/locations/us-central1/channels/team";
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);

    private static Channel TestChannel(string id, ChannelSecret? secret = null) => new()
    {
        Name = new ChannelName(TestJobs.Location.Project, TestJobs.Location.Location, id),
        Kind = ChannelKind.Webhook,
        DisplayName = "Ops ✓",
        WebhookUrl = new ChannelSecret(SecretSource.Stored, "https://hooks.test/T0/B0/stored-token"),
        SigningSecret = secret,
        CreateTime = StoreTime.T0,
        UpdateTime = StoreTime.T0.AddSeconds(1),
    };

    private static Job Routed(string id, TimeSpan? deadline = null) => TestJobs.Minimal(id, null) with
    {
        Belfry = BelfrySettings.Default with { Notify = new NotificationRoutes([Ops, Team], [Ops], []), MissedRunDeadline = deadline },
    };

    /// <summary>Runs one manual execution of <paramref name="job"/> to a final outcome in one attempt.</summary>
    private async Task<string> FinishAsync(JobName job, bool succeeded, DateTimeOffset at)
    {
        await Jobs.CreateManualExecutionAsync(job, at, Ct);
        var claim = await ClaimSingleAsync(at);
        Assert.True(await Queue.RecordAttemptAsync(Result(claim, at, succeeded, null), Ct));
        return claim.Execution.Id;
    }

    private async Task<IReadOnlyList<OutboxNotification>> ClaimNotificationsAsync(DateTimeOffset now, int max = 100) =>
        await Outbox.ClaimNotificationsAsync(now, max, Lease, Ct);

    [Fact]
    public async Task Channel_CreateGetUpdateDelete_RoundTripsSecretsAsGiven()
    {
        var channel = TestChannel("ops", new ChannelSecret(SecretSource.File, "/run/secrets/hmac"));

        await Channels.CreateChannelAsync(channel, Ct);
        await Assert.ThrowsAsync<ResourceAlreadyExistsException>(() => Channels.CreateChannelAsync(channel, Ct));
        Assert.Equal(channel, await Channels.GetChannelAsync(channel.Name, Ct));

        var changed = channel with { WebhookUrl = new ChannelSecret(SecretSource.Environment, "HOOK"), SigningSecret = null, DisplayName = "" };
        Assert.True(await Channels.UpdateChannelAsync(changed, Ct));
        Assert.Equal(changed, await Channels.GetChannelAsync(channel.Name, Ct));

        Assert.True(await Channels.DeleteChannelAsync(channel.Name, Ct));
        Assert.False(await Channels.DeleteChannelAsync(channel.Name, Ct));
        Assert.Null(await Channels.GetChannelAsync(channel.Name, Ct));
        Assert.False(await Channels.UpdateChannelAsync(changed, Ct));
    }

    [Fact]
    public async Task ListChannels_Paged_ByIdWithinTheLocation()
    {
        foreach (var id in new[] { "c", "a", "b" })
        {
            await Channels.CreateChannelAsync(TestChannel(id), Ct);
        }

        await Channels.CreateChannelAsync(TestChannel("z") with { Name = new ChannelName("other", "l", "z") }, Ct);

        var first = await Channels.ListChannelsAsync(TestJobs.Location, 2, null, Ct);
        var second = await Channels.ListChannelsAsync(TestJobs.Location, 2, first.NextPageToken, Ct);

        Assert.Equal(["a", "b"], first.Channels.Select(c => c.Name.ChannelId));
        Assert.Equal(["c"], second.Channels.Select(c => c.Name.ChannelId));
        Assert.Null(second.NextPageToken);
        await Assert.ThrowsAsync<InvalidPageTokenException>(() => Channels.ListChannelsAsync(new LocationName("other", "l"), 2, first.NextPageToken, Ct));
    }

    [Fact]
    public async Task AlertPolicy_CreateGetUpdateDelete_UpdateKeepsTheStatus()
    {
        var policy = new AlertPolicy
        {
            Name = new AlertPolicyName(TestJobs.Location.Project, TestJobs.Location.Location, "failures"),
            DisplayName = "Scheduler failures",
            Failures = 3,
            Window = TimeSpan.FromMinutes(5),
            RateLimit = TimeSpan.FromMinutes(10),
            Channels = [Ops, Team],
            Jobs = ["sync-*", "report"],
            Enabled = true,
            CreateTime = StoreTime.T0,
            UpdateTime = StoreTime.T0,
            ConditionTime = StoreTime.T0,
        };

        await AlertPolicies.CreateAlertPolicyAsync(policy, Ct);
        await Assert.ThrowsAsync<ResourceAlreadyExistsException>(() => AlertPolicies.CreateAlertPolicyAsync(policy, Ct));
        Assert.Equal(policy, await AlertPolicies.GetAlertPolicyAsync(policy.Name, Ct));

        var changed = policy with
        {
            Failures = 1, Jobs = [], Enabled = false, ConditionTime = StoreTime.T0.AddMinutes(1), Status = new AlertPolicyStatus(true, StoreTime.T0, StoreTime.T0),
        };
        Assert.True(await AlertPolicies.UpdateAlertPolicyAsync(changed, Ct));
        Assert.Equal(changed with { Status = AlertPolicyStatus.Ok }, await AlertPolicies.GetAlertPolicyAsync(policy.Name, Ct));
        Assert.Equal(["failures"], (await AlertPolicies.ListAlertPoliciesAsync(TestJobs.Location, 10, null, Ct)).Policies.Select(p => p.Name.PolicyId));

        Assert.True(await AlertPolicies.DeleteAlertPolicyAsync(policy.Name, Ct));
        Assert.Null(await AlertPolicies.GetAlertPolicyAsync(policy.Name, Ct));
    }

    [Fact]
    public async Task RecordAttempt_FailedWithRetriesLeft_EnqueuesNothing()
    {
        var job = await CreateJobAsync(Routed("retrying"));
        await Jobs.CreateManualExecutionAsync(job.Name, StoreTime.T0, Ct);
        var claim = await ClaimSingleAsync(StoreTime.T0);

        Assert.True(await Queue.RecordAttemptAsync(Result(claim, StoreTime.T0, false, StoreTime.T0.AddSeconds(10)), Ct));

        Assert.Empty(await ClaimNotificationsAsync(StoreTime.T0.AddDays(1)));
        Assert.Null(await Outbox.GetNextNotificationDueAsync(Ct));
    }

    [Fact]
    public async Task RecordAttempt_FinalFailure_OneRowPerFailureChannelWithTheFacts()
    {
        var job = await CreateJobAsync(Routed("failing"));

        var execution = await FinishAsync(job.Name, succeeded: false, StoreTime.T0);

        Assert.Equal(StoreTime.T0.AddMilliseconds(250), await Outbox.GetNextNotificationDueAsync(Ct));
        var rows = await ClaimNotificationsAsync(StoreTime.T0.AddSeconds(1));
        Assert.Equal([Ops, Team], rows.Select(r => r.Channel).Order(StringComparer.Ordinal));
        Assert.NotEqual(rows[0].Id, rows[1].Id);
        var e = rows[0].Event;
        Assert.Equal((NotificationEventKind.ExecutionFailed, job.Name, execution, 1, 503), (e.Kind, e.Job, e.ExecutionId, e.Attempts, e.StatusCode));
        Assert.Equal((StoreTime.T0, ExecutionTrigger.Manual, "Etc/UTC", "HTTP 503"), (e.ScheduleTime!.Value, e.Trigger!.Value, e.TimeZone, e.Error));
        Assert.All(rows, r => Assert.Equal(1, r.AttemptNumber));
    }

    [Fact]
    public async Task RecordAttempt_SuccessAfterFinalFailure_RecoveryOnceThenNothing()
    {
        var job = await CreateJobAsync(Routed("flaky"));
        await FinishAsync(job.Name, succeeded: true, StoreTime.T0);
        await FinishAsync(job.Name, succeeded: false, StoreTime.T0.AddMinutes(1));
        await FinishAsync(job.Name, succeeded: true, StoreTime.T0.AddMinutes(2));
        await FinishAsync(job.Name, succeeded: true, StoreTime.T0.AddMinutes(3));

        var rows = await ClaimNotificationsAsync(StoreTime.T0.AddHours(1));

        Assert.Equal(
            [(NotificationEventKind.ExecutionFailed, Ops), (NotificationEventKind.ExecutionFailed, Team), (NotificationEventKind.ExecutionRecovered, Ops)],
            rows.Select(r => (r.Event.Kind, r.Channel)).OrderBy(r => r.Kind).ThenBy(r => r.Channel, StringComparer.Ordinal));
    }

    [Fact]
    public async Task RecordAttempt_JobDeletedAndRecreated_ForgetsTheLastOutcome()
    {
        var job = await CreateJobAsync(Routed("reborn"));
        await FinishAsync(job.Name, succeeded: false, StoreTime.T0);
        Assert.True(await Jobs.DeleteJobAsync(job.Name, Ct));
        await CreateJobAsync(Routed("reborn"));

        await FinishAsync(job.Name, succeeded: true, StoreTime.T0.AddMinutes(1));

        Assert.DoesNotContain(await ClaimNotificationsAsync(StoreTime.T0.AddHours(1)), r => r.Event.Kind == NotificationEventKind.ExecutionRecovered);
    }

    [Fact]
    public async Task ClaimNotifications_ConcurrentClaimers_EachRowClaimedOnce()
    {
        var ids = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add(await Outbox.EnqueueNotificationAsync(Ops, new NotificationEvent { Kind = NotificationEventKind.Test, Time = StoreTime.T0 }, StoreTime.T0, Ct));
        }

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => ClaimNotificationsAsync(StoreTime.T0, max: 3))));

        var claimed = claims.SelectMany(c => c).Select(c => c.Id).ToList();
        Assert.Equal(claimed.Count, claimed.Distinct().Count());
        Assert.Subset(ids.ToHashSet(), claimed.ToHashSet());
        Assert.Equal(20, claimed.Count + (await ClaimNotificationsAsync(StoreTime.T0)).Count);
    }

    [Fact]
    public async Task RecordNotification_Delivered_NeverClaimedAgainAndSecondRecordRefused()
    {
        await Outbox.EnqueueNotificationAsync(Ops, new NotificationEvent { Kind = NotificationEventKind.Test, Time = StoreTime.T0 }, StoreTime.T0, Ct);
        var row = Assert.Single(await ClaimNotificationsAsync(StoreTime.T0));
        var delivered = new NotificationResult(row.Id, row.AttemptNumber, NotificationDelivery.Delivered, null, 204, null, StoreTime.T0.AddSeconds(1));

        Assert.True(await Outbox.RecordNotificationAsync(delivered, Ct));
        Assert.False(await Outbox.RecordNotificationAsync(delivered, Ct));

        Assert.Empty(await ClaimNotificationsAsync(StoreTime.T0.AddDays(1)));
        Assert.Null(await Outbox.GetNextNotificationDueAsync(Ct));
    }

    [Fact]
    public async Task RecordNotification_PendingRetry_ClaimableAtItsTimeAsTryTwo()
    {
        var id = await Outbox.EnqueueNotificationAsync(Ops, new NotificationEvent { Kind = NotificationEventKind.Test, Time = StoreTime.T0 }, StoreTime.T0, Ct);
        var first = Assert.Single(await ClaimNotificationsAsync(StoreTime.T0));
        var retryAt = StoreTime.T0.AddSeconds(1.5);

        Assert.True(await Outbox.RecordNotificationAsync(
            new NotificationResult(id, 1, NotificationDelivery.Pending, retryAt, 429, "rate limited", StoreTime.T0), Ct));

        Assert.Equal(retryAt, await Outbox.GetNextNotificationDueAsync(Ct));
        Assert.Empty(await ClaimNotificationsAsync(retryAt.AddTicks(-1)));
        var second = Assert.Single(await ClaimNotificationsAsync(retryAt));
        Assert.Equal((id, 2, first.CreateTime), (second.Id, second.AttemptNumber, second.CreateTime));
    }

    [Fact]
    public async Task ClaimNotifications_LeaseExpired_TakenOverAndTheOldTryFenced()
    {
        var id = await Outbox.EnqueueNotificationAsync(Ops, new NotificationEvent { Kind = NotificationEventKind.Test, Time = StoreTime.T0 }, StoreTime.T0, Ct);
        var lost = Assert.Single(await ClaimNotificationsAsync(StoreTime.T0));

        Assert.Equal(StoreTime.T0 + Lease, lost.LeaseUntil);
        Assert.Empty(await ClaimNotificationsAsync(lost.LeaseUntil.AddTicks(-1)));
        var takeover = Assert.Single(await ClaimNotificationsAsync(lost.LeaseUntil));

        Assert.Equal((id, 2), (takeover.Id, takeover.AttemptNumber));
        Assert.False(await Outbox.RecordNotificationAsync(new NotificationResult(id, 1, NotificationDelivery.Delivered, null, 204, null, lost.LeaseUntil), Ct));
        Assert.True(await Outbox.RecordNotificationAsync(new NotificationResult(id, 2, NotificationDelivery.Failed, null, 404, "gone", lost.LeaseUntil), Ct));
    }

    [Fact]
    public async Task RenewNotificationLeases_OnlyRowsStillHeldAtTheirTry_AreRenewed()
    {
        var kept = await Outbox.EnqueueNotificationAsync(Ops, new NotificationEvent { Kind = NotificationEventKind.Test, Time = StoreTime.T0 }, StoreTime.T0, Ct);
        var recorded = await Outbox.EnqueueNotificationAsync(Ops, new NotificationEvent { Kind = NotificationEventKind.Test, Time = StoreTime.T0 }, StoreTime.T0, Ct);
        var taken = await Outbox.EnqueueNotificationAsync(Ops, new NotificationEvent { Kind = NotificationEventKind.Test, Time = StoreTime.T0 }, StoreTime.T0, Ct);
        var rows = await ClaimNotificationsAsync(StoreTime.T0);
        Assert.True(await Outbox.RecordNotificationAsync(new NotificationResult(recorded, 1, NotificationDelivery.Delivered, null, 204, null, StoreTime.T0), Ct));
        var takenOver = rows.Single(r => r.Id == taken) with { AttemptNumber = 0 };
        var until = StoreTime.T0 + Lease + Lease;

        var renewed = await Outbox.RenewNotificationLeasesAsync([.. rows.Where(r => r.Id != taken), takenOver], until, Ct);

        // The recorded row is no longer Sending; the third is held at another try than the one given (as after a takeover).
        Assert.Equal([kept], renewed);
        Assert.Equal([(taken, 2)], (await ClaimNotificationsAsync(until.AddTicks(-1))).Select(r => (r.Id, r.AttemptNumber)));
        Assert.Equal([(kept, 2)], (await ClaimNotificationsAsync(until)).Select(r => (r.Id, r.AttemptNumber)));
        Assert.Empty(await Outbox.RenewNotificationLeasesAsync(rows.Where(r => r.Id == kept).ToList(), until + Lease, Ct));
    }

    [Fact]
    public async Task PauseNotificationChannel_HeldReleasedUncounted_OtherPendingPostponed_OtherChannelsNot()
    {
        var ids = new List<string>();
        foreach (var channel in new[] { Ops, Ops, Ops, Team })
        {
            ids.Add(await Outbox.EnqueueNotificationAsync(channel, new NotificationEvent { Kind = NotificationEventKind.Test, Time = StoreTime.T0 }, StoreTime.T0, Ct));
        }

        var claimed = await ClaimNotificationsAsync(StoreTime.T0, max: 2);
        Assert.Equal(ids[..2], claimed.Select(c => c.Id));
        var until = StoreTime.T0.AddSeconds(30);

        // The first was sent (its try stays counted and Sending); the second was queued behind it, never sent.
        Assert.Equal(2, await Outbox.PauseNotificationChannelAsync(Ops, until, [claimed[1]], Ct));

        Assert.Equal(StoreTime.T0, await Outbox.GetNextNotificationDueAsync(Ct));
        Assert.Equal([ids[3]], (await ClaimNotificationsAsync(until.AddTicks(-1))).Select(r => r.Id));
        Assert.Equal(0, await Outbox.PauseNotificationChannelAsync(Ops, until, [claimed[1]], Ct));
        Assert.Equal(until, await Outbox.GetNextNotificationDueAsync(Ct));
        var resumed = await ClaimNotificationsAsync(until);
        Assert.Equal([(ids[1], 1), (ids[2], 1)], resumed.Select(r => (r.Id, r.AttemptNumber)));
        Assert.True(await Outbox.RecordNotificationAsync(new NotificationResult(ids[0], 1, NotificationDelivery.Delivered, null, 204, null, until), Ct));
    }

    [Fact]
    public async Task PurgeNotifications_OnlyFinishedBeforeTheCutoff()
    {
        foreach (var _ in Enumerable.Range(0, 2))
        {
            await Outbox.EnqueueNotificationAsync(Ops, new NotificationEvent { Kind = NotificationEventKind.Test, Time = StoreTime.T0 }, StoreTime.T0, Ct);
        }

        var rows = await ClaimNotificationsAsync(StoreTime.T0);
        await Outbox.RecordNotificationAsync(new NotificationResult(rows[0].Id, 1, NotificationDelivery.Delivered, null, 204, null, StoreTime.T0), Ct);
        await Outbox.RecordNotificationAsync(new NotificationResult(rows[1].Id, 1, NotificationDelivery.Pending, StoreTime.T0.AddDays(1), 500, "x", StoreTime.T0), Ct);

        Assert.Equal(0, await Outbox.PurgeNotificationsAsync(StoreTime.T0, 100, Ct));
        Assert.Equal(1, await Outbox.PurgeNotificationsAsync(StoreTime.T0 + InstantPrecision, 100, Ct));
        Assert.Equal(rows[1].Id, Assert.Single(await ClaimNotificationsAsync(StoreTime.T0.AddDays(2))).Id);
    }

    [Fact]
    public async Task EvaluateAlertPolicies_FailuresInTheLocation_StatusAndEventsInOneTransaction()
    {
        var job = await CreateJobAsync(TestJobs.Minimal("sync", null));
        await CreateJobAsync(TestJobs.Minimal("elsewhere", null, new LocationName("belfry-test", "us-east1")));
        await FinishAsync(job.Name, succeeded: false, StoreTime.T0);
        await FinishAsync(new JobName("belfry-test", "us-east1", "elsewhere"), succeeded: false, StoreTime.T0);
        var policy = new AlertPolicy
        {
            Name = new AlertPolicyName(TestJobs.Location.Project, TestJobs.Location.Location, "any"),
            Failures = 1,
            Window = TimeSpan.FromMinutes(5),
            RateLimit = TimeSpan.FromMinutes(5),
            Channels = [Ops, Team],
        };
        await AlertPolicies.CreateAlertPolicyAsync(policy, Ct);
        var now = StoreTime.T0.AddMinutes(1);
        var seen = new List<AlertPolicyCheck>();

        var enqueued = await AlertPolicies.EvaluateAlertPoliciesAsync(now, c => { seen.Add(c); return AlertPolicyRules.Evaluate(c, now); }, Ct);

        Assert.Equal(2, enqueued);
        Assert.Equal(["sync"], Assert.Single(seen).Failures.Select(f => f.Job.JobId));
        Assert.Equal(new AlertPolicyStatus(true, now, now), (await AlertPolicies.GetAlertPolicyAsync(policy.Name, Ct))!.Status);
        Assert.All(await ClaimNotificationsAsync(now), r => Assert.Equal(NotificationEventKind.AlertFiring, r.Event.Kind));
        Assert.Equal(0, await AlertPolicies.EvaluateAlertPoliciesAsync(now.AddSeconds(1), c => AlertPolicyRules.Evaluate(c, now.AddSeconds(1)), Ct));
    }

    [Fact]
    public async Task EvaluateAlertPolicies_FailureAtOrBeforeTheConditionTime_NotRead()
    {
        var before = await CreateJobAsync(TestJobs.Minimal("before", null));
        var after = await CreateJobAsync(TestJobs.Minimal("after", null));
        await FinishAsync(before.Name, succeeded: false, StoreTime.T0);
        await FinishAsync(after.Name, succeeded: false, StoreTime.T0.AddSeconds(30));
        var policy = new AlertPolicy
        {
            Name = new AlertPolicyName(TestJobs.Location.Project, TestJobs.Location.Location, "new"),
            Failures = 1,
            Window = TimeSpan.FromMinutes(5),
            RateLimit = TimeSpan.FromMinutes(5),
            Channels = [Ops],
            CreateTime = StoreTime.T0,
            UpdateTime = StoreTime.T0,

            // The instant "before" finished (its one attempt takes 250 ms): at the condition's time is not after it.
            ConditionTime = StoreTime.T0.AddMilliseconds(250),
        };
        await AlertPolicies.CreateAlertPolicyAsync(policy, Ct);
        var now = StoreTime.T0.AddMinutes(1);
        var seen = new List<AlertPolicyCheck>();

        await AlertPolicies.EvaluateAlertPoliciesAsync(now, c => { seen.Add(c); return AlertPolicyRules.Evaluate(c, now); }, Ct);

        Assert.Equal(["after"], Assert.Single(seen).Failures.Select(f => f.Job.JobId));
    }

    [Fact]
    public async Task CheckMissedRuns_DeadlinePassed_BookmarkStoredAndAlertToFailureChannels()
    {
        // "*/5 * * * *" from T0 (12:00): the first time is 12:05, its 1-minute deadline 12:06.
        var job = await CreateJobAsync(Routed("watched", TimeSpan.FromMinutes(1)) with { ScheduleTime = StoreTime.T0.AddMinutes(5), MissedRunSince = StoreTime.T0 });
        await CreateJobAsync(Routed("paused", TimeSpan.FromMinutes(1)) with { State = JobState.Paused, MissedRunSince = StoreTime.T0 });
        var schedule = Schedule.Parse(job.Schedule, job.TimeZone);
        var now = StoreTime.T0.AddMinutes(6);

        var looked = await MissedRuns.CheckMissedRunsAsync(now, 100, c => MissedRunPlanner.Evaluate(c, schedule, now), Ct);

        Assert.Equal(1, looked);
        var rows = await ClaimNotificationsAsync(now);
        Assert.Equal([Ops, Team], rows.Select(r => r.Channel).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Equal((NotificationEventKind.MissedRun, StoreTime.T0.AddMinutes(5)), (r.Event.Kind, r.Event.FirstMissed!.Value)));

        // Not due again until 12:11 except that its alert is open: looked at, but nothing new is raised.
        var seen = new List<MissedRunCheck>();
        Assert.Equal(1, await MissedRuns.CheckMissedRunsAsync(now.AddSeconds(1), 100, c => { seen.Add(c); return MissedRunPlanner.Evaluate(c, schedule, now.AddSeconds(1)); }, Ct));
        Assert.Equal(new JobWatch(StoreTime.T0, StoreTime.T0.AddMinutes(10), StoreTime.T0.AddMinutes(5)), Assert.Single(seen).Watch);
        Assert.Empty(await ClaimNotificationsAsync(now.AddSeconds(1)));
    }

    [Fact]
    public async Task CheckMissedRuns_SuccessResolves_ToRecoveryChannelsAndThenNotLookedAt()
    {
        var job = await CreateJobAsync(Routed("rescued", TimeSpan.FromMinutes(1)) with { MissedRunSince = StoreTime.T0 });
        var schedule = Schedule.Parse(job.Schedule, job.TimeZone);
        var missedAt = StoreTime.T0.AddMinutes(6);
        await MissedRuns.CheckMissedRunsAsync(missedAt, 100, c => MissedRunPlanner.Evaluate(c, schedule, missedAt), Ct);
        foreach (var sent in await ClaimNotificationsAsync(missedAt))
        {
            await Outbox.RecordNotificationAsync(new NotificationResult(sent.Id, 1, NotificationDelivery.Delivered, null, 204, null, missedAt), Ct);
        }

        await FinishAsync(job.Name, succeeded: true, StoreTime.T0.AddMinutes(7));
        var now = StoreTime.T0.AddMinutes(8);

        await MissedRuns.CheckMissedRunsAsync(now, 100, c => MissedRunPlanner.Evaluate(c, schedule, now), Ct);

        var row = Assert.Single(await ClaimNotificationsAsync(now));
        Assert.Equal((NotificationEventKind.MissedRunResolved, Ops), (row.Event.Kind, row.Channel));
        Assert.Equal(0, await MissedRuns.CheckMissedRunsAsync(now.AddSeconds(1), 100, c => throw new InvalidOperationException("not due"), Ct));
    }
}
