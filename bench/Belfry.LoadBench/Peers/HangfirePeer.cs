using System.Globalization;
using Hangfire;
using Hangfire.Common;
using Hangfire.InMemory;
using Hangfire.Storage.SQLite;

namespace Belfry.LoadBench.Peers;

/// <summary>
/// Hangfire 1.8 recurring jobs with a seconds cron, on Hangfire.Storage.SQLite (or Hangfire.InMemory). Hangfire's
/// recurring scheduler polls: <see cref="PollInterval"/> is set for it (<c>SchedulePollingInterval</c>; zero would
/// mean "once a minute", the default is 15 s) and for the SQLite queue (<c>QueuePollInterval</c>).
/// <c>--concurrency</c> workers; misfire handling is the default (Relaxed: one job for several missed times).
/// </summary>
internal sealed class HangfirePeer(Uri sink, int concurrency, string? dataDirectory) : IPeer
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private RecurringJobManager? _manager;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        JobStorage storage;
        if (dataDirectory is null)
        {
            storage = new InMemoryStorage();
        }
        else
        {
            Directory.CreateDirectory(dataDirectory);
            storage = new SQLiteStorage(Path.Combine(dataDirectory, "hangfire.db"), new SQLiteStorageOptions { QueuePollInterval = PollInterval });
        }

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

        return Task.CompletedTask;
    }
}
