using System.Diagnostics;
using Belfry.LoadBench.Peers;
using Belfry.LoadBench.Reporting;
using Belfry.LoadBench.Runs;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;

namespace Belfry.LoadBench.Dashboard;

/// <summary>
/// The dashboard workload's peer: Hangfire's own dashboard (Hangfire.AspNetCore, <c>UseHangfireDashboard</c>) on the
/// peer's storage, served by a Kestrel of its own on 127.0.0.1:0, over as many recurring jobs as Belfry's jobs (the
/// same schedules and zones) and succeeded jobs, created straight in the Succeeded state (nothing runs them), until
/// there are as many as Belfry's executions or <see cref="SeedLimit"/> passes.
/// </summary>
internal static class HangfireDashboard
{
    public static readonly TimeSpan SeedLimit = TimeSpan.FromMinutes(3);

    public static async Task<DashboardReport> RunAsync(BenchOptions options, HangfirePeer peer, ChildResult result)
    {
        var storage = peer.Storage ?? throw new InvalidOperationException("not started");
        var ids = ChildRunner.Ids('d', options.DashboardJobs);
        var started = Stopwatch.GetTimestamp();
        var manager = new RecurringJobManager(storage);
        for (var i = 0; i < ids.Count; i++)
        {
            var (cron, zone) = DashboardRunner.Schedule(i);
            var id = ids[i];
            manager.AddOrUpdate(id, Job.FromExpression(() => HangfireDeliveryJob.PostAsync(id, null!)), cron,
                new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(zone) });
        }

        var client = new BackgroundJobClient(storage);
        var succeeded = 0L;
        string? last = null;
        while (succeeded < options.DashboardExecutions && Stopwatch.GetElapsedTime(started) < SeedLimit)
        {
            var id = ids[(int)(succeeded % ids.Count)];
            last = client.Create(Job.FromExpression(() => HangfireDeliveryJob.PostAsync(id, null!)), new SucceededState(null, 5, 250));
            succeeded++;
        }

        result.SetupSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        result.Jobs = ids.Count;
        result.Notes.Add($"dashboard: {succeeded:N0} succeeded jobs created in the {SeedLimit.TotalMinutes:0} min allowed (Belfry: {options.DashboardExecutions:N0} executions)");
        Console.WriteLine($"[{result.System}] dashboard: {ids.Count:N0} recurring and {succeeded:N0} succeeded jobs in {result.SetupSeconds:0.0} s");

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddHangfire(c => c.UseStorage(storage));
        await using var app = builder.Build();
        app.UseHangfireDashboard("/hangfire", new DashboardOptions(), storage);
        await app.StartAsync();
        using var api = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        using var timer = new PageTimer();
        var pages = new List<PageTiming>
        {
            await timer.TimeAsync(api, "overview", "/hangfire", options.DashboardRequests),
            await timer.TimeAsync(api, "jobs", "/hangfire/recurring", options.DashboardRequests),
            await timer.TimeAsync(api, "succeeded", "/hangfire/jobs/succeeded", options.DashboardRequests),
            await timer.TimeAsync(api, "job", $"/hangfire/jobs/details/{last}", options.DashboardRequests),
        };
        return new DashboardReport(ids.Count, succeeded, Math.Round(result.SetupSeconds, 1), pages);
    }
}
