using Belfry.Dashboard.Tests.Infrastructure;

namespace Belfry.Dashboard.Tests;

/// <summary>One server with real history and one browser for a test class: a job that succeeded, one whose last run failed, a paused one.</summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    internal DashboardServer Server { get; private set; } = null!;

    internal Chromium Chromium { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Chromium = await Chromium.LaunchAsync();
        Server = await DashboardServer.StartAsync();
        await Server.CreateJobAsync("nightly-sync");
        await Server.RunToOutcomeAsync("nightly-sync");
        await Server.CreateJobAsync("flaky-export", "/fail", "*/15 * * * *", "Asia/Tokyo");
        await Server.RunToOutcomeAsync("flaky-export");
        await Server.CreateJobAsync("weekly-report", schedule: "0 9 * * 1", zone: "Europe/Berlin");
        using var pause = await Server.Api.PostAsync(DashboardServer.JobPath("weekly-report") + ":pause", null, TestContext.Current.CancellationToken);
        pause.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        if (Chromium is not null)
        {
            await Chromium.DisposeAsync();
        }
    }
}
