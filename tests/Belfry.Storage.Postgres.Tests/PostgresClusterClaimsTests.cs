using System.Collections.Concurrent;
using Belfry.Core.Executions;
using Belfry.Core.Jobs;
using Belfry.Core.Notifications;
using Belfry.Core.Pipelines;
using Belfry.Core.Planning;
using Belfry.Core.Retries;
using Belfry.Core.Storage;
using Belfry.Storage.ContractTests;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using ThrowawayDatabase = Belfry.Testing.Postgres.PostgresDatabase;

namespace Belfry.Storage.Postgres.Tests;

/// <summary>
/// The claim paths of several nodes side by side on one database (issue 12, point 2): planning, claiming and recording
/// run concurrently (a shared advisory lock), and the rows they lock keep each occurrence, attempt, notification and
/// pipeline step to one node; a node that starts leaves the others' live leases alone.
/// </summary>
public sealed class PostgresClusterClaimsTests : IAsyncLifetime
{
    private static readonly TimeSpan AttemptLease = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 1, 15, 12, 0, 0, TimeSpan.Zero));
    private readonly List<PostgresStores> _nodes = [];
    private ThrowawayDatabase? _database;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await MigratedTemplate.CreateDatabaseAsync();
        for (var i = 0; i < 3; i++)
        {
            _nodes.Add(await PostgresStores.OpenAsync(_database.ConnectionString, $"node-{i}", _time, Ct));
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task PlanDueJobs_ThreeNodesAtOnce_EachOccurrencePlannedOnce()
    {
        var now = _time.GetUtcNow();
        const int jobs = 60;
        const int occurrences = 20;
        for (var i = 0; i < jobs; i++)
        {
            await _nodes[0].Jobs.CreateJobAsync(TestJobs.Minimal($"job-{i}", now.AddSeconds(-occurrences)), Ct);
        }

        // Every node plans in small batches until nothing is due: each plan fires the job's time and moves it on a second.
        var fired = new ConcurrentBag<(string Job, DateTimeOffset Time)>();
        await Task.WhenAll(_nodes.Select(node => Task.Run(async () =>
        {
            while (true)
            {
                var planned = await node.Queue.PlanDueJobsAsync(now, now, 7, AttemptLease, due => new OccurrencePlan(
                    [new PlannedFire(due.Job.ScheduleTime!.Value, ExecutionTrigger.Scheduled)], [], [], null,
                    due.Job.ScheduleTime!.Value.AddSeconds(1)), Ct);
                foreach (var claim in planned.Fired)
                {
                    fired.Add((claim.Job.Name.JobId, claim.Execution.ScheduleTime));
                }

                if (planned.Jobs == 0)
                {
                    return;
                }
            }
        }, Ct)));

        Assert.Equal(jobs * (occurrences + 1), fired.Count);
        Assert.Equal(fired.Count, fired.Distinct().Count());
        Assert.Equal(jobs * (occurrences + 1), await CountAsync("SELECT count(*) FROM executions"));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM (SELECT 1 FROM executions GROUP BY job_name, schedule_time HAVING count(*) > 1) AS twice"));
    }

    [Fact]
    public async Task ClaimDueAttempts_ThreeNodesAtOnce_EachExecutionClaimedByOneNode()
    {
        var now = _time.GetUtcNow();
        for (var i = 0; i < 40; i++)
        {
            var job = TestJobs.Minimal($"manual-{i}", now.AddHours(1));
            await _nodes[0].Jobs.CreateJobAsync(job, Ct);
            for (var j = 0; j < 5; j++)
            {
                await _nodes[0].Jobs.CreateManualExecutionAsync(job.Name, now, Ct);
            }
        }

        var claimed = new ConcurrentBag<string>();
        await Task.WhenAll(_nodes.Select(node => Task.Run(async () =>
        {
            while ((await node.Queue.ClaimDueAttemptsAsync(now, 9, AttemptLease, Ct)) is { Count: > 0 } batch)
            {
                foreach (var claim in batch)
                {
                    claimed.Add(claim.Execution.Id);
                }
            }
        }, Ct)));

        Assert.Equal(200, claimed.Count);
        Assert.Equal(200, claimed.Distinct().Count());
    }

    [Fact]
    public async Task RecordAttempts_TwoBranchesOfARunEndOnTwoNodesAtOnce_TheJoinStepIsDispatchedOnce()
    {
        // fetch → (left, right) → join. left and right end on two nodes while a third connection holds the run, so
        // both records have ended their step and wait: without the run's lock each would read the other still Running,
        // and join would never be dispatched.
        var pipeline = Diamond("diamond");
        await _nodes[0].Pipelines.CreatePipelineAsync(pipeline, Ct);
        var run = await _nodes[0].Pipelines.StartManualRunAsync(pipeline.Name, _time.GetUtcNow(), Ct);
        var fetch = Assert.Single(await _nodes[0].Queue.ClaimDueAttemptsAsync(_time.GetUtcNow(), 10, AttemptLease, Ct));
        Assert.True(await _nodes[0].Queue.RecordAttemptAsync(Succeeded(fetch), Ct));
        var branches = await _nodes[0].Queue.ClaimDueAttemptsAsync(_time.GetUtcNow(), 10, AttemptLease, Ct);
        Assert.Equal(["left", "right"], branches.Select(b => b.Step!.StepId).Order());

        await using var holder = new NpgsqlConnection(_database!.ConnectionString);
        await holder.OpenAsync(Ct);
        var hold = await holder.BeginTransactionAsync(Ct);
        await using (var lockRun = new NpgsqlCommand("SELECT id FROM pipeline_runs WHERE id = @run FOR UPDATE", holder, hold))
        {
            lockRun.Parameters.AddWithValue("run", run.Id);
            await lockRun.ExecuteNonQueryAsync(Ct);
        }

        var left = _nodes[1].Queue.RecordAttemptAsync(Succeeded(branches.Single(b => b.Step!.StepId == "left")), Ct);
        var right = _nodes[2].Queue.RecordAttemptAsync(Succeeded(branches.Single(b => b.Step!.StepId == "right")), Ct);
        await WaitUntilAsync(async () => await CountAsync(
            $"SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()") >= 2);
        await hold.RollbackAsync(Ct);
        Assert.True(await left);
        Assert.True(await right);

        var join = Assert.Single(await _nodes[0].Queue.ClaimDueAttemptsAsync(_time.GetUtcNow(), 10, AttemptLease, Ct));
        Assert.Equal("join", join.Step!.StepId);
        Assert.Equal(PipelineStepState.Running, (await _nodes[0].Pipelines.GetRunAsync(pipeline.Name, run.Id, Ct))!.Steps.Single(s => s.StepId == "join").State);
    }

    [Fact]
    public async Task ClaimNotifications_ThreeNodesAtOnce_EachNotificationClaimedByOneNode()
    {
        const string channel = "projects/belfry-test/locations/us-central1/channels/ops";
        var now = _time.GetUtcNow();
        for (var i = 0; i < 90; i++)
        {
            await _nodes[i % 3].Outbox.EnqueueNotificationAsync(channel, new NotificationEvent { Kind = NotificationEventKind.Test, Time = now }, now, Ct);
        }

        var claimed = new ConcurrentBag<string>();
        await Task.WhenAll(_nodes.Select(node => Task.Run(async () =>
        {
            while ((await node.Outbox.ClaimNotificationsAsync(now, 4, TimeSpan.FromMinutes(1), Ct)) is { Count: > 0 } batch)
            {
                foreach (var notification in batch)
                {
                    claimed.Add(notification.Id);
                }
            }
        }, Ct)));

        Assert.Equal(90, claimed.Count);
        Assert.Equal(90, claimed.Distinct().Count());
    }

    [Fact]
    public async Task Open_NodeStartsWhileAnotherHoldsALiveLease_LeaseLeftAloneAndTakenOverOnlyOnceItEnds()
    {
        // SQLite expires every lease at start-up (it owns the file alone); a PostgreSQL node must not: others are alive.
        var now = _time.GetUtcNow();
        var job = TestJobs.Minimal("held", now.AddHours(1));
        await _nodes[0].Jobs.CreateJobAsync(job, Ct);
        await _nodes[0].Jobs.CreateManualExecutionAsync(job.Name, now, Ct);
        var held = Assert.Single(await _nodes[0].Queue.ClaimDueAttemptsAsync(now, 10, AttemptLease, Ct));

        await using var started = await PostgresStores.OpenAsync(_database!.ConnectionString, "node-late", _time, Ct);

        Assert.Empty(await started.Queue.ClaimDueAttemptsAsync(now, 10, AttemptLease, Ct));
        Assert.Empty(await started.Queue.ClaimDueAttemptsAsync(held.LeaseUntil.AddTicks(-10), 10, AttemptLease, Ct));
        var takeover = Assert.Single(await started.Queue.ClaimDueAttemptsAsync(held.LeaseUntil, 10, AttemptLease, Ct));
        Assert.Equal((held.Execution.Id, held.Epoch + 1), (takeover.Execution.Id, takeover.Epoch));
        Assert.False(await _nodes[0].Queue.RecordAttemptAsync(Succeeded(held), Ct));
    }

    [Fact]
    public async Task RenewLeases_RowLockedByAnotherWrite_NeitherRenewedNorLostAndNoWait()
    {
        var now = _time.GetUtcNow();
        var job = TestJobs.Minimal("busy", now.AddHours(1));
        await _nodes[0].Jobs.CreateJobAsync(job, Ct);
        await _nodes[0].Jobs.CreateManualExecutionAsync(job.Name, now, Ct);
        var held = Assert.Single(await _nodes[0].Queue.ClaimDueAttemptsAsync(now, 10, AttemptLease, Ct));
        HeldLease[] lease = [new(held.Execution.Id, held.Epoch)];

        // Another transaction holds the row, as a group commit recording its result would.
        await using (var connection = new NpgsqlConnection(_database!.ConnectionString))
        {
            await connection.OpenAsync(Ct);
            await using var transaction = await connection.BeginTransactionAsync(Ct);
            await using (var select = new NpgsqlCommand("SELECT id FROM executions WHERE id = @id FOR UPDATE", connection, transaction))
            {
                select.Parameters.AddWithValue("id", held.Execution.Id);
                await select.ExecuteScalarAsync(Ct);
            }

            var busy = await _nodes[0].Queue.RenewLeasesAsync(lease, held.LeaseUntil.AddMinutes(1), Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);

            Assert.Empty(busy.Renewed);
            Assert.Empty(busy.Lost);
            await transaction.RollbackAsync(Ct);
        }

        var renewal = await _nodes[0].Queue.RenewLeasesAsync(lease, held.LeaseUntil.AddMinutes(1), Ct);
        Assert.Equal([held.Execution.Id], renewal.Renewed);
        Assert.Empty(await _nodes[1].Queue.ClaimDueAttemptsAsync(held.LeaseUntil, 10, AttemptLease, Ct));
    }

    [Fact]
    public async Task RecordAttempt_AnotherNodesFailureCommitsWhileThisRecordWaitsForTheJob_RecoveryToldOnce()
    {
        const string ops = "projects/belfry-test/locations/us-central1/channels/ops";
        var now = _time.GetUtcNow();
        var job = TestJobs.Minimal("recovering", now.AddHours(1)) with
        {
            Belfry = BelfrySettings.Default with { Notify = new NotificationRoutes([ops], [ops], []) },
        };
        await _nodes[0].Jobs.CreateJobAsync(job, Ct);
        await ExecuteAsync($"INSERT INTO job_alert_state (job_name, last_outcome) VALUES ('{job.Name.FullName}', {(int)ExecutionOutcome.Succeeded})");
        await _nodes[1].Jobs.CreateManualExecutionAsync(job.Name, now, Ct);
        var claim = Assert.Single(await _nodes[1].Queue.ClaimDueAttemptsAsync(now, 10, AttemptLease, Ct));

        // Another node records a final failure of the same job: it holds the job's row until it commits.
        await using var other = new NpgsqlConnection(_database!.ConnectionString);
        await other.OpenAsync(Ct);
        await using var failing = await other.BeginTransactionAsync(Ct);
        await using (var hold = new NpgsqlCommand(
            $"""
            UPDATE jobs SET version = version + 1 WHERE name = '{job.Name.FullName}';
            UPDATE job_alert_state SET last_outcome = {(int)ExecutionOutcome.Failed} WHERE job_name = '{job.Name.FullName}'
            """, other, failing))
        {
            await hold.ExecuteNonQueryAsync(Ct);
        }

        var record = _nodes[1].Queue.RecordAttemptAsync(Succeeded(claim), Ct);
        await WaitUntilAsync(async () => await CountAsync(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") > 0);
        await failing.CommitAsync(Ct);

        Assert.True(await record);
        var notices = await _nodes[0].Outbox.ClaimNotificationsAsync(now.AddHours(1), 10, AttemptLease, Ct);
        var recovery = Assert.Single(notices);
        Assert.Equal((NotificationEventKind.ExecutionRecovered, ops), (recovery.Event.Kind, recovery.Channel));
    }

    private static Pipeline Diamond(string id) => new()
    {
        Name = new PipelineName(TestJobs.Location.Project, TestJobs.Location.Location, id),
        Schedule = "0 6 * * *",
        TimeZone = "UTC",
        Steps =
        [
            Step("fetch"), Step("left", "fetch"), Step("right", "fetch"), Step("join", "left", "right"),
        ],
    };

    private static PipelineStep Step(string id, params string[] dependsOn) => new(
        id, dependsOn, new HttpTarget($"http://127.0.0.1:9/{id}", HttpMethodKind.Post, [], ReadOnlyMemory<byte>.Empty, null),
        RetryConfig.Default, Job.DefaultAttemptDeadline);

    private AttemptResult Succeeded(ClaimedAttempt claim) => new(
        claim.Execution.Id, claim.Job.Name, claim.AttemptNumber, claim.Epoch, _time.GetUtcNow(), TimeSpan.FromMilliseconds(5),
        200, null, true, null, new JobStatus(0, ""), _time.GetUtcNow());

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database!.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database!.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token);
        }
    }
}
