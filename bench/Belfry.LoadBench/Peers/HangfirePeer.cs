using System.Globalization;
using Belfry.LoadBench.Peers.Postgres;
using Hangfire;
using Hangfire.Common;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;

namespace Belfry.LoadBench.Peers;

/// <summary>
/// Hangfire 1.8 recurring jobs with a seconds cron, on Hangfire.InMemory, Hangfire.Storage.SQLite or
/// Hangfire.PostgreSql (its own throwaway server, <see cref="PostgresCluster"/>). Hangfire's recurring scheduler
/// polls: <see cref="PollInterval"/> is set for it (<c>SchedulePollingInterval</c>; zero would mean "once a minute",
/// the default is 15 s) and for the SQLite and PostgreSQL queues (<c>QueuePollInterval</c>, default 15 s there).
/// <c>--concurrency</c> workers; misfire handling is the default (Relaxed: one job for several missed times).
/// </summary>
internal sealed class HangfirePeer(Uri sink, int concurrency, HangfireStore store, string dataDirectory) : IPeer
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private RecurringJobManager? _manager;

    /// <summary>The job storage, once started (the dashboard workload seeds it and serves Hangfire's dashboard over it).</summary>
    public JobStorage? Storage { get; private set; }
    private PostgresCluster? _cluster;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var storage = Storage = CreateStorage();
        GlobalConfiguration.Configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseStorage(storage);
        HangfireDeliveryJob.Sink = sink;
        _ = new BackgroundJobServer(new BackgroundJobServerOptions { WorkerCount = concurrency, SchedulePollingInterval = PollInterval }, storage);
        _manager = new RecurringJobManager(storage);
        return Task.CompletedTask;
    }

    public Task AddJobsAsync(IReadOnlyList<string> jobIds, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        var manager = _manager ?? throw new InvalidOperationException("not started");
        var cron = at is { } instant
            ? string.Create(CultureInfo.InvariantCulture, $"{instant.Second} {instant.Minute} {instant.Hour} {instant.Day} {instant.Month} *")
            : "* * * * * *";
        var options = new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc };
        foreach (var id in jobIds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            manager.AddOrUpdate(id, Job.FromExpression(() => HangfireDeliveryJob.PostAsync(id, null!)), cron, options);
        }

        _cluster?.Mark();
        return Task.CompletedTask;
    }

    public async Task<double> FinishAsync()
    {
        await (_cluster?.SettleAsync() ?? Task.CompletedTask);
        return 0;
    }

    public IEnumerable<string> Notes() => _cluster?.Notes() ?? [];

    private JobStorage CreateStorage()
    {
        switch (store)
        {
            case HangfireStore.InMemory:
                return new InMemoryStorage();
            case HangfireStore.Sqlite:
                Directory.CreateDirectory(dataDirectory);
                return new SQLiteStorage(Path.Combine(dataDirectory, "hangfire.db"), new SQLiteStorageOptions { QueuePollInterval = PollInterval });
            default:
                var pool = PostgresCluster.PoolSize(concurrency);
                _cluster = PostgresCluster.Start(dataDirectory, pool);
                var options = new PostgreSqlStorageOptions { QueuePollInterval = PollInterval, PrepareSchemaIfNecessary = true };
                return new PostgreSqlStorage(new NpgsqlConnectionFactory(_cluster.ConnectionString(pool), options), options);
        }
    }
}
