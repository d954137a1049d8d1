using Belfry.Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Belfry.Dashboard.Tests;

/// <summary>The pages in a real Chromium against a real server (loopback: no sign-in), issue 16.</summary>
public sealed class DashboardPagesTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    private DashboardServer Server => fixture.Server;

    [Fact]
    public async Task Overview_RealHistory_ShowsStatesFailingNextRunsAndRates()
    {
        await using var page = await fixture.Chromium.OpenAsync(Server.Endpoint);
        await page.Page.GotoAsync("/");
        await page.Page.GetByRole(AriaRole.Link, new() { Name = "Open the dashboard" }).ClickAsync();

        await Expect(page.Page).ToHaveURLAsync(Server.Endpoint + "/ui");
        var states = page.Page.Locator("section[aria-labelledby=states]");
        await Expect(states).ToContainTextAsync("ENABLED");
        await Expect(states).ToContainTextAsync("PAUSED");
        await Expect(page.Page.Locator("section[aria-labelledby=failing]")).ToContainTextAsync("flaky-export");
        await Expect(page.Page.Locator("section[aria-labelledby=failing]")).Not.ToContainTextAsync("nightly-sync");
        await Expect(page.Page.Locator("section[aria-labelledby=next]")).ToContainTextAsync("(America/New_York)");
        var rates = page.Page.Locator("section[aria-labelledby=rates] tr", new() { HasText = "nightly-sync" });
        await Expect(rates).ToContainTextAsync("100%");
        await Expect(page.Page.Locator("section[aria-labelledby=rates] tr", new() { HasText = "flaky-export" })).ToContainTextAsync("0%");
        await Expect(rates.Locator("svg.rate")).ToHaveAttributeAsync("aria-label", "100% succeeded");
        await page.ScreenshotAsync("overview");
        page.AssertNoProblems();
    }

    [Fact]
    public async Task JobPage_RealHistory_ShowsDefinitionFireTimesAndAttempts()
    {
        await using var page = await fixture.Chromium.OpenAsync(Server.Endpoint);
        await page.Page.GotoAsync("/ui/jobs/default/local/flaky-export");

        await Expect(page.Page.Locator("h1")).ToHaveTextAsync("flaky-export");
        await Expect(page.Page.Locator("section[aria-labelledby=definition]")).ToContainTextAsync(Server.Target.Url("/fail"));
        var fires = page.Page.Locator("section[aria-labelledby=fires] tbody tr");
        await Expect(fires).ToHaveCountAsync(5);
        await Expect(fires.First).ToContainTextAsync("+09:00");
        await Expect(page.Page.Locator("section[aria-labelledby=fires] thead")).ToContainTextAsync("Local (Asia/Tokyo)");
        var execution = page.Page.Locator("section[aria-labelledby=executions] tbody tr").First;
        await Expect(execution).ToContainTextAsync("FAILED");
        await Expect(execution).ToContainTextAsync("HTTP 500 in");
        await page.ScreenshotAsync("job");
        page.AssertNoProblems();
    }

    [Fact]
    public async Task JobPage_PauseResumeRun_ChangeTheStoreAndTheApiShowsIt()
    {
        await Server.CreateJobAsync("operated");
        await using var page = await fixture.Chromium.OpenAsync(Server.Endpoint);
        await page.Page.GotoAsync("/ui/jobs/default/local/operated");

        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();
        await Expect(page.Page.Locator("[data-field=state]")).ToHaveTextAsync("PAUSED");
        Assert.Equal("PAUSED", await Server.StateAsync("operated"));

        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();
        await Expect(page.Page.Locator("[data-field=state]")).ToHaveTextAsync("ENABLED");
        Assert.Equal("ENABLED", await Server.StateAsync("operated"));

        var requests = Server.Target.Requests.Count;
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Run now" }).ClickAsync();
        await Server.WaitForFinalExecutionsAsync("operated", 1);
        var executions = await Server.ExecutionsAsync("operated");
        Assert.Equal("MANUAL", Assert.Single(executions).GetProperty("trigger").GetString());
        await Server.Target.WaitForRequestsAsync(requests + 1);
        page.AssertNoProblems();
    }

    [Fact]
    public async Task JobPage_DeleteThenConfirm_TheApiNoLongerHasTheJob()
    {
        await Server.CreateJobAsync("doomed");
        await using var page = await fixture.Chromium.OpenAsync(Server.Endpoint);
        await page.Page.GotoAsync("/ui/jobs/default/local/doomed");

        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        Assert.Equal("ENABLED", await Server.StateAsync("doomed"));
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Delete doomed for good" }).ClickAsync();

        await Expect(page.Page.Locator("h1")).ToHaveTextAsync("Jobs");
        using var response = await Server.Api.GetAsync(DashboardServer.JobPath("doomed"), TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        page.AssertNoProblems();
    }

    [Fact]
    public async Task JobPage_PausedThroughTheApi_LiveRegionUpdatesWithoutReload()
    {
        await Server.CreateJobAsync("watched");
        await using var page = await fixture.Chromium.OpenAsync(Server.Endpoint);
        await page.Page.GotoAsync("/ui/jobs/default/local/watched");
        await Expect(page.Page.Locator("[data-field=state]")).ToHaveTextAsync("ENABLED");
        await page.Page.EvaluateAsync("() => window.notReloaded = true");

        using var pause = await Server.Api.PostAsync(DashboardServer.JobPath("watched") + ":pause", null, TestContext.Current.CancellationToken);
        pause.EnsureSuccessStatusCode();

        await Expect(page.Page.Locator("[data-field=state]")).ToHaveTextAsync("PAUSED", new() { Timeout = 15_000 });
        Assert.True(await page.Page.EvaluateAsync<bool>("() => window.notReloaded === true"));
        page.AssertNoProblems();
    }

    [Fact]
    public async Task Jobs_FilterByStateAndName_ShowsOnlyMatches()
    {
        await using var page = await fixture.Chromium.OpenAsync(Server.Endpoint);
        await page.Page.GotoAsync("/ui/jobs");
        await page.Page.GetByLabel("State").SelectOptionAsync("PAUSED");
        await page.Page.GetByLabel("Name").FillAsync("weekly");
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();

        var rows = page.Page.Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows).ToContainTextAsync("weekly-report");
        await page.ScreenshotAsync("jobs");
        page.AssertNoProblems();
    }

    [Fact]
    public async Task Jobs_MoreThanAPage_NextPageShowsTheRestOnce()
    {
        for (var i = 0; i < 55; i++)
        {
            await Server.CreateJobAsync($"bulk-{i:D2}", location: "bulk");
        }

        await using var page = await fixture.Chromium.OpenAsync(Server.Endpoint);
        await page.Page.GotoAsync("/ui/jobs?location=bulk");
        var first = await page.Page.Locator("tbody tr td:first-child").AllInnerTextsAsync();
        await page.Page.GetByRole(AriaRole.Link, new() { Name = "Next page" }).ClickAsync();
        var second = await page.Page.Locator("tbody tr td:first-child").AllInnerTextsAsync();

        Assert.Equal(50, first.Count);
        Assert.Equal(Enumerable.Range(0, 55).Select(i => $"bulk-{i:D2}"), first.Concat(second));
        await Expect(page.Page.GetByRole(AriaRole.Link, new() { Name = "Next page" })).ToHaveCountAsync(0);
        page.AssertNoProblems();
    }

    [Theory]
    [InlineData("/ui")]
    [InlineData("/ui/jobs")]
    [InlineData("/ui/jobs/default/local/flaky-export")]
    public async Task Page_At390PixelsWide_NoHorizontalScroll(string path)
    {
        await using var page = await fixture.Chromium.OpenAsync(Server.Endpoint, Chromium.PhoneWidth);
        await page.Page.GotoAsync(path);

        Assert.InRange(await page.ScrollWidthAsync(), 1, Chromium.PhoneWidth);
        page.AssertNoProblems();
    }

    [Fact]
    public async Task JobPage_Keyboard_TabReachesEveryAction()
    {
        await using var page = await fixture.Chromium.OpenAsync(Server.Endpoint);
        await page.Page.GotoAsync("/ui/jobs/default/local/nightly-sync");

        var focused = await page.TabThroughAsync(12);

        Assert.Contains("BUTTON:Pause", focused);
        Assert.Contains("BUTTON:Run now", focused);
        Assert.Contains("BUTTON:Delete", focused);
        Assert.Contains("A:Jobs", focused);
        page.AssertNoProblems();
    }

    [Fact]
    public async Task JobsPage_Keyboard_TabReachesFiltersAndJobs()
    {
        await using var page = await fixture.Chromium.OpenAsync(Server.Endpoint);
        await page.Page.GotoAsync("/ui/jobs");

        var focused = await page.TabThroughAsync(12);

        Assert.Contains(focused, f => f.StartsWith("SELECT", StringComparison.Ordinal));
        Assert.Contains("BUTTON:Filter", focused);
        Assert.Contains("A:flaky-export", focused);
        page.AssertNoProblems();
    }
}
