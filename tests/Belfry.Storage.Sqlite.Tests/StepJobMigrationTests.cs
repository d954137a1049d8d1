using Belfry.Core.Jobs;
using Belfry.Core.Pipelines;
using Belfry.Core.Retries;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Belfry.Storage.Sqlite.Tests;

/// <summary>
/// Migration 0006 on a database written before it: pipeline "p" with step "fetch" whose run has a Pending execution,
/// the step's alert state and a notification still in the outbox, all under the step job's old name
/// <c>jobs/p-fetch</c>; and a user job "keep" beside it.
/// </summary>
public sealed class StepJobMigrationTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2030, 1, 15, 12, 0, 0, TimeSpan.Zero);
    private const string Parent = "projects/proj/locations/loc";
    private const string OldStep = Parent + "/jobs/p-fetch";
    private const string NewStep = Parent + "/jobs/p/steps/fetch";

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("belfry-0006-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    [Fact]
    public async Task Open_DatabaseWithAPipelineRunFromBefore0006_RenamesTheStepJobAndEveryRowNamingIt()
    {
        await WriteDatabaseBefore0006Async();

        await using (var store = await SqliteStores.OpenAsync(_dataDirectory, new FakeTimeProvider(T0), Ct))
        {
            var pipeline = new PipelineName("proj", "loc", "p");
            var run = Assert.Single((await store.Pipelines.ListRunsAsync(pipeline, 10, null, Ct)).Runs);
            var execution = Assert.Single(run.Steps).Execution!;
            Assert.Equal(("e1", NewStep, OldStep), (execution.Id, execution.Job.FullName, execution.Job.TargetName));
            Assert.Equal("http://127.0.0.1:9/fetch", (await store.Pipelines.GetPipelineAsync(pipeline, Ct))!.Steps[0].HttpTarget.Uri);

            // The step's Pending execution is still claimed and sent as the job p-fetch.
            var claim = Assert.Single(await store.Queue.ClaimDueAttemptsAsync(T0, 10, TimeSpan.FromSeconds(30), Ct));
            Assert.Equal(("e1", "p-fetch", "fetch"), (claim.Execution.Id, claim.Job.Name.JobId, claim.Step?.StepId));

            // The old name is free for a user's job now.
            await store.Jobs.CreateJobAsync(new Job
            {
                Name = new JobName("proj", "loc", "p-fetch"),
                Schedule = "0 * * * *",
                HttpTarget = new HttpTarget("http://127.0.0.1:9/mine", HttpMethodKind.Post, [], ReadOnlyMemory<byte>.Empty, null),
                RetryConfig = RetryConfig.Default,
                UserUpdateTime = T0,
            }, Ct);
            Assert.Equal(["keep", "p-fetch"], (await store.Jobs.ListJobsAsync(new LocationName("proj", "loc"), 10, null, Ct)).Jobs.Select(j => j.Name.JobId));
        }

        await using var connection = await OpenRawAsync();
        Assert.Equal(NewStep + " p/steps/fetch", await ScalarAsync<string>(connection, "SELECT name || ' ' || job_id FROM jobs WHERE pipeline_name IS NOT NULL"));
        Assert.Equal(NewStep, await ScalarAsync<string>(connection, "SELECT job_name FROM executions WHERE id = 'e1'"));
        Assert.Equal(Parent + "/jobs/keep", await ScalarAsync<string>(connection, "SELECT job_name FROM executions WHERE id = 'e2'"));
        Assert.Equal(NewStep, await ScalarAsync<string>(connection, "SELECT job_name FROM job_alert_state WHERE job_name LIKE '%fetch'"));
        Assert.Equal(NewStep, await ScalarAsync<string>(connection, "SELECT json_extract(event_json, '$.job') FROM notification_outbox"));
        Assert.Equal(0L, await ScalarAsync<long>(connection, "SELECT count(*) FROM pragma_foreign_key_check"));
    }

    private async Task WriteDatabaseBefore0006Async()
    {
        await using var connection = await OpenRawAsync();
        var script = new System.Text.StringBuilder("""
            CREATE TABLE schema_migrations (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL);
            """);
        foreach (var migration in SqliteMigrator.All.Where(m => m.Version < 6))
        {
            script.AppendLine(migration.Sql);
            script.AppendLine($"INSERT INTO schema_migrations VALUES ({migration.Version}, '{migration.Name}', 0);");
        }

        var t0 = T0.UtcTicks;
        script.AppendLine($$"""
            INSERT INTO pipelines (name, project, location, pipeline_id, description, schedule, time_zone, steps_json,
                overlap_policy, catch_up_policy, catch_up_window_ticks, state, schedule_time, user_update_time, version)
            VALUES ('{{Parent}}/pipelines/p', 'proj', 'loc', 'p', '', '0 6 * * *', 'Etc/UTC', '[{"id":"fetch","dependsOn":[]}]',
                1, 1, 0, 1, {{t0 + TimeSpan.TicksPerDay}}, {{t0}}, 1);
            INSERT INTO jobs (name, project, location, job_id, description, schedule, time_zone, uri, http_method, headers_json, body,
                retry_count, max_retry_duration_ticks, min_backoff_ticks, max_backoff_ticks, max_doublings, attempt_deadline_ticks,
                overlap_policy, catch_up_policy, catch_up_window_ticks, state, user_update_time, version, pipeline_name)
            VALUES ('{{OldStep}}', 'proj', 'loc', 'p-fetch', '', '0 6 * * *', 'Etc/UTC', 'http://127.0.0.1:9/fetch', 1, '[]', x'',
                0, 0, 50000000, 36000000000, 5, 1800000000, 1, 1, 0, 3, {{t0}}, 1, '{{Parent}}/pipelines/p'),
                   ('{{Parent}}/jobs/keep', 'proj', 'loc', 'keep', '', '0 6 * * *', 'Etc/UTC', 'http://127.0.0.1:9/keep', 1, '[]', x'',
                0, 0, 50000000, 36000000000, 5, 1800000000, 1, 1, 0, 2, {{t0}}, 1, NULL);
            INSERT INTO executions (id, job_name, schedule_time, trigger, state, create_time, next_attempt_time, attempt_count, epoch)
            VALUES ('e1', '{{OldStep}}', {{t0}}, 1, 0, {{t0}}, {{t0}}, 0, 1), ('e2', '{{Parent}}/jobs/keep', {{t0}}, 1, 2, {{t0}}, NULL, 0, 1);
            INSERT INTO pipeline_runs (id, pipeline_name, schedule_time, trigger, state, create_time)
            VALUES ('r1', '{{Parent}}/pipelines/p', {{t0}}, 1, 1, {{t0}});
            INSERT INTO pipeline_run_steps (run_id, step_id, position, depends_on_json, state, execution_id) VALUES ('r1', 'fetch', 0, '[]', 1, 'e1');
            INSERT INTO job_alert_state (job_name, last_outcome) VALUES ('{{OldStep}}', 2), ('{{Parent}}/jobs/keep', 1);
            INSERT INTO notification_outbox (id, channel_name, event_kind, event_json, state, create_time, attempt_count, next_attempt_time)
            VALUES ('n1', '{{Parent}}/channels/ops', 1, '{"kind":1,"job":"{{OldStep}}"}', 0, {{t0}}, 0, {{t0}});
            """);
        await using var command = connection.CreateCommand();
        command.CommandText = script.ToString();
        await command.ExecuteNonQueryAsync(Ct);
    }

    private async Task<SqliteConnection> OpenRawAsync()
    {
        var path = Path.Combine(_dataDirectory, "belfry.db");
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, ForeignKeys = true }.ToString());
        await connection.OpenAsync(Ct);
        return connection;
    }

    private static async Task<T> ScalarAsync<T>(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)(await command.ExecuteScalarAsync(Ct))!;
    }
}
