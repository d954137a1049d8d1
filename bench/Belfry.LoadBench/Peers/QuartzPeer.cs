using System.Globalization;
using Belfry.LoadBench.Peers.Postgres;
using Quartz;

namespace Belfry.LoadBench.Peers;

/// <summary>
/// Quartz.NET 4 without a host: the in-memory store, or the ADO job store on a SQLite file (Microsoft.Data.Sqlite,
/// schema created by Quartz's own <c>ProvisionSchema</c>, WAL set on the file as Belfry sets it), or the ADO job store
/// clustered on PostgreSQL (<see cref="PostgresCluster"/>, the same server settings as hangfire-postgres; tables by
/// <c>ProvisionSchema</c> too, see below). A thread pool of <c>--concurrency</c>; everything else (batch size, misfire
/// threshold 60 s, misfire policy, cluster check-in interval) is Quartz's default.
/// </summary>
internal sealed class QuartzPeer(Uri sink, int concurrency, QuartzStore store, string dataDirectory) : IPeer
{
    private const int ScheduleChunk = 1000;
    private IScheduler? _scheduler;
    private PostgresCluster? _cluster;
    private string? _storeNote;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var configure = await StoreAsync(cancellationToken);
        _scheduler = await QuartzSchedulerBuilder.Create(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = "bench";

                // quartz.scheduler.instanceId = AUTO: every node of a cluster needs an id of its own (UseClustering
                // would turn this on by itself; said outright, as the flat configuration says it).
                s.GenerateInstanceId = store == QuartzStore.Postgres;
            });
            q.UseDefaultThreadPool(concurrency);
            configure(q);
        }).BuildScheduler(cancellationToken);
        QuartzDeliveryJob.Sink = sink;
        await _scheduler.Start(cancellationToken);

        // What Quartz resolved, so the report shows the store really was the one asked for (clustered, its node id).
        var meta = await _scheduler.GetMetadata(cancellationToken);
        _storeNote = $"Quartz {meta.Version}, store {meta.JobStoreTypeName.Split(',')[0]}, clustered {meta.JobStoreClustered}, instance id {meta.SchedulerInstanceId}";
    }

    public async Task<double> FinishAsync()
    {
        await (_cluster?.SettleAsync() ?? Task.CompletedTask);
        return 0;
    }

    public IEnumerable<string> Notes() => [.. _storeNote is null ? [] : new[] { _storeNote }, .. _cluster?.Notes() ?? []];

    private async Task<Action<IQuartzBuilder>> StoreAsync(CancellationToken cancellationToken)
    {
        switch (store)
        {
            case QuartzStore.InMemory:
                return q => q.UseInMemoryStore();
            case QuartzStore.Sqlite:
                Directory.CreateDirectory(dataDirectory);
                var file = $"Data Source={Path.Combine(dataDirectory, "quartz.db")}";
                await SqliteFiles.UseWalAsync(file, cancellationToken);
                return q => q.UsePersistentStore(s =>
                {
                    s.UseSqlite(file);
                    s.ProvisionSchema();
                });
            default:
                var pool = PostgresCluster.PoolSize(concurrency);
                _cluster = PostgresCluster.Start(dataDirectory, pool);
                var connectionString = _cluster.ConnectionString(pool);

                // UsePostgres: provider "Npgsql", PostgreSQLDelegate. UseClustering: quartz.jobStore.clustered = true,
                // with database row locks (qrtz_locks, SELECT … FOR UPDATE) around every trigger operation.
                // ProvisionSchema, not Quartz's published database/tables/tables_postgres.sql: the newest published
                // one (quartznet d97e782, 2026-08-08) lacks columns that 4.7.3 checks for at start (4.2 to 4.7
                // migrations), and the schema 4.7.3 creates itself is by definition the one it reads.
                return q => q.UsePersistentStore(s =>
                {
                    s.UsePostgres(connectionString);
                    s.UseClustering();
                    s.ProvisionSchema();
                });
        }
    }

    public async Task AddJobsAsync(IReadOnlyList<string> jobIds, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        var scheduler = _scheduler ?? throw new InvalidOperationException("not started");
        var cron = at is { } instant
            ? string.Create(CultureInfo.InvariantCulture, $"{instant.Second} {instant.Minute} {instant.Hour} {instant.Day} {instant.Month} ? {instant.Year}")
            : "* * * * * ?";

        // ScheduleJobs stores a whole chunk in one transaction on the ADO store.
        foreach (var chunk in jobIds.Chunk(ScheduleChunk))
        {
            var jobs = new Dictionary<IJobDetail, IReadOnlyCollection<ITrigger>>(chunk.Length);
            foreach (var id in chunk)
            {
                var job = JobBuilder.Create<QuartzDeliveryJob>().WithIdentity(id).Build();
                var trigger = TriggerBuilder.Create()
                    .WithIdentity(id)
                    .ForJob(job)
                    .WithCronSchedule(cron, c => c.InTimeZone(TimeZoneInfo.Utc))
                    .StartNow()
                    .Build();
                jobs[job] = [trigger];
            }

            await scheduler.ScheduleJobs(jobs, cancellationToken: cancellationToken);
        }

        _cluster?.Mark();
    }
}
