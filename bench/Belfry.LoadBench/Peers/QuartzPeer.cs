using System.Globalization;
using Quartz;

namespace Belfry.LoadBench.Peers;

/// <summary>
/// Quartz.NET 4 without a host: the in-memory store, or the ADO job store on a SQLite file (Microsoft.Data.Sqlite,
/// schema created by Quartz's own <c>ProvisionSchema</c>, WAL set on the file as Belfry sets it). A thread pool of
/// <c>--concurrency</c>; everything else (batch size, misfire threshold 60 s, misfire policy) is Quartz's default.
/// </summary>
internal sealed class QuartzPeer(Uri sink, int concurrency, string? dataDirectory) : IPeer
{
    private const int ScheduleChunk = 1000;
    private IScheduler? _scheduler;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        string? connectionString = null;
        if (dataDirectory is not null)
        {
            Directory.CreateDirectory(dataDirectory);
            connectionString = $"Data Source={Path.Combine(dataDirectory, "quartz.db")}";
            await SqliteFiles.UseWalAsync(connectionString, cancellationToken);
        }

        _scheduler = await QuartzSchedulerBuilder.Create(q =>
        {
            q.ConfigureScheduler(s => s.InstanceName = "bench");
            q.UseDefaultThreadPool(concurrency);
            if (connectionString is null)
            {
                q.UseInMemoryStore();
            }
            else
            {
                q.UsePersistentStore(store =>
                {
                    store.UseSqlite(connectionString);
                    store.ProvisionSchema();
                });
            }
        }).BuildScheduler(cancellationToken);
        QuartzDeliveryJob.Sink = sink;
        await _scheduler.Start(cancellationToken);
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
    }
}
