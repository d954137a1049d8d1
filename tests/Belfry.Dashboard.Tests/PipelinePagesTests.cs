using System.Collections.Concurrent;
using Belfry.Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Belfry.Dashboard.Tests;

/// <summary>
/// The pipeline pages in a real Chromium against a real server (real SQLite, a real loopback target; issue 16): a run
/// drawn as a graph of its steps, and resumed from its page. A target path <c>/broken/NAME</c> answers 500 until the
/// test fixes NAME.
/// </summary>
public sealed class PipelinePagesTests : IClassFixture<DashboardFixture>
{
    private readonly DashboardFixture _fixture;
    private readonly ConcurrentDictionary<string, bool> _fixedPaths = new(StringComparer.Ordinal);

    public PipelinePagesTests(DashboardFixture fixture)
    {
        _fixture = fixture;
        Server.Target.Respond = (request, _) => Task.FromResult(
            request.Path.StartsWith("/fail", StringComparison.Ordinal) ||
            (request.Path.StartsWith("/broken/", StringComparison.Ordinal) && !_fixedPaths.ContainsKey(request.Path)) ? 500 : 200);
    }

    private DashboardServer Server => _fixture.Server;

    /// <summary>
    /// fetch → merge → report, and fetch → audit: merge's target answers 500, so the run fails at merge, report is not
    /// run, and audit (beside it) succeeds. Returns the failed run's id, as the API reports it.
    /// </summary>
    private async Task<string> FailedRunAsync(string pipelineId)
    {
        await Server.CreatePipelineAsync(pipelineId,
            ("fetch", "/ok", []), ("merge", $"/broken/{pipelineId}", ["fetch"]), ("audit", "/ok", ["fetch"]), ("report", "/ok", ["merge"]));
        var runId = await Server.RunPipelineAsync(pipelineId);
        await Server.WaitForRunAsync(pipelineId, runId, state => state == "FAILED");
        return runId;
    }

    private static string RunPage(string pipelineId, string runId) => $"/ui/pipelines/default/local/{pipelineId}/runs/{runId}";

    [Fact]
    public async Task RunPage_SecondStepFailed_GraphShowsItFailedAndTheNextNotRun()
    {
        var runId = await FailedRunAsync("nightly-etl");
        await using var page = await _fixture.Chromium.OpenAsync(Server.Endpoint);
        await page.Page.GotoAsync(RunPage("nightly-etl", runId));

        var graph = page.Page.Locator("svg.run-graph");
        await Expect(graph.Locator("g[data-step=fetch]")).ToHaveAttributeAsync("data-state", "SUCCEEDED");
        await Expect(graph.Locator("g[data-step=merge]")).ToHaveAttributeAsync("data-state", "FAILED");
        await Expect(graph.Locator("g[data-step=merge]")).ToHaveClassAsync("step step-failed");
        await Expect(graph.Locator("g[data-step=merge] text.step-state")).ToHaveTextAsync("FAILED");
        await Expect(graph.Locator("g[data-step=report] text.step-state")).ToHaveTextAsync("NOT_RUN");
        await Expect(graph.Locator("g[data-step=audit] text.step-state")).ToHaveTextAsync("SUCCEEDED");
        await Expect(graph.Locator("path.edge")).ToHaveCountAsync(3);

        // Columns by depth: merge and audit side by side after fetch, report after merge.
        var x = async (string step) => double.Parse(
            await graph.Locator($"g[data-step={step}] rect").GetAttributeAsync("x") ?? "", System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(await x("fetch") < await x("merge"));
        Assert.Equal(await x("merge"), await x("audit"));
        Assert.True(await x("merge") < await x("report"));

        await Expect(page.Page.Locator("[data-field=run-state]")).ToHaveTextAsync("FAILED");
        await Expect(page.Page.Locator("tr[data-step=merge]")).ToContainTextAsync("FAILED after 1 attempt, HTTP 500");
        await Expect(page.Page.Locator("tr[data-step=report]")).ToContainTextAsync("not sent");
        await page.ScreenshotAsync("pipeline-run");
        page.AssertNoProblems();
    }

    [Fact]
    public async Task RunPage_ResumeAfterTheTargetIsFixed_TheApiSeesTheRunLeaveFailedAndThePageShowsItSucceeded()
    {
        var runId = await FailedRunAsync("resumed-etl");
        await using var page = await _fixture.Chromium.OpenAsync(Server.Endpoint);
        await page.Page.GotoAsync(RunPage("resumed-etl", runId));
        await Expect(page.Page.Locator("[data-field=run-state]")).ToHaveTextAsync("FAILED");
        await page.Page.EvaluateAsync("() => window.beforeResume = true");

        _fixedPaths["/broken/resumed-etl"] = true;
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();
        await page.Page.WaitForFunctionAsync("() => window.beforeResume !== true");

        var run = await Server.WaitForRunAsync("resumed-etl", runId, state => state == "SUCCEEDED");
        var merge = run.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "merge");
        Assert.Equal(2, merge.GetProperty("executions").GetArrayLength());
        await Expect(page.Page.Locator("[data-field=run-state]")).ToHaveTextAsync("SUCCEEDED", new() { Timeout = 15_000 });
        await Expect(page.Page.Locator("svg.run-graph g[data-step=report]")).ToHaveAttributeAsync("data-state", "SUCCEEDED");
        await Expect(page.Page.Locator("tr[data-step=merge] ol li")).ToHaveCountAsync(2);
        await Expect(page.Page.GetByRole(AriaRole.Button, new() { Name = "Resume" })).ToHaveCountAsync(0);
        page.AssertNoProblems();
    }

    [Fact]
    public async Task RunPage_StepExecutionLink_OpensTheStepsExecutionsWithItMarked()
    {
        var runId = await FailedRunAsync("linked-etl");
        await using var page = await _fixture.Chromium.OpenAsync(Server.Endpoint);
        await page.Page.GotoAsync(RunPage("linked-etl", runId));

        await page.Page.Locator("tr[data-step=merge] ol a").ClickAsync();

        await Expect(page.Page.Locator("h1")).ToHaveTextAsync("Step merge");
        var row = page.Page.Locator("tr.selected");
        await Expect(row).ToContainTextAsync("FAILED");
        await Expect(row).ToContainTextAsync("HTTP 500 in");
        await Expect(row).ToContainTextAsync("(Asia/Tokyo)");
        page.AssertNoProblems();
    }

    [Fact]
    public async Task PipelinesPage_ListsScheduleStepsAndNewestRun_ThenThePipelinesRuns()
    {
        var runId = await FailedRunAsync("listed-etl");
        await using var page = await _fixture.Chromium.OpenAsync(Server.Endpoint);
        await page.Page.GotoAsync("/ui");
        await page.Page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Pipelines" }).ClickAsync();

        var row = page.Page.Locator("tbody tr", new() { HasText = "listed-etl" });
        await Expect(row).ToContainTextAsync("0 6 * * *");
        await Expect(row).ToContainTextAsync("Asia/Tokyo");
        await Expect(row.Locator("td").Nth(3)).ToHaveTextAsync("4");
        await Expect(row.Locator("td").Nth(4)).ToContainTextAsync("FAILED");
        await page.ScreenshotAsync("pipelines");

        await row.GetByRole(AriaRole.Link, new() { Name = "listed-etl" }).ClickAsync();
        await Expect(page.Page.Locator("h1")).ToHaveTextAsync("listed-etl");
        await Expect(page.Page.Locator("section[aria-labelledby=definition]")).ToContainTextAsync(Server.Target.Url("/broken/listed-etl"));
        var runs = page.Page.Locator("section[aria-labelledby=runs] tbody tr");
        await Expect(runs).ToHaveCountAsync(1);
        await Expect(runs).ToContainTextAsync("FAILED");
        await runs.GetByRole(AriaRole.Link, new() { Name = runId }).ClickAsync();
        await Expect(page.Page.Locator("h1")).ToHaveTextAsync($"Run {runId}");
        page.AssertNoProblems();
    }

    [Fact]
    public async Task PipelinePage_MoreRunsThanAPage_OlderRunsShowsTheRestOnce()
    {
        await Server.CreatePipelineAsync("busy-etl", ("only", "/ok", []));
        var ids = new List<string>();
        for (var i = 0; i < 51; i++)
        {
            ids.Add(await Server.RunPipelineAsync("busy-etl"));
        }

        await using var page = await _fixture.Chromium.OpenAsync(Server.Endpoint);
        await page.Page.GotoAsync("/ui/pipelines/default/local/busy-etl");
        var first = await page.Page.Locator("section[aria-labelledby=runs] tbody tr td:first-child").AllInnerTextsAsync();
        await page.Page.GetByRole(AriaRole.Link, new() { Name = "Older runs" }).ClickAsync();
        var second = await page.Page.Locator("section[aria-labelledby=runs] tbody tr td:first-child").AllInnerTextsAsync();

        Assert.Equal(50, first.Count);
        Assert.Equal(ids.Order(StringComparer.Ordinal), first.Concat(second).Order(StringComparer.Ordinal));
        page.AssertNoProblems();
    }

    [Fact]
    public async Task RunPage_Keyboard_TabReachesResume()
    {
        var runId = await FailedRunAsync("keyed-etl");
        await using var page = await _fixture.Chromium.OpenAsync(Server.Endpoint);
        await page.Page.GotoAsync(RunPage("keyed-etl", runId));

        var focused = await page.TabThroughAsync(10);

        Assert.Contains("A:Pipelines", focused);
        Assert.Contains("A:keyed-etl", focused);
        Assert.Contains("BUTTON:Resume", focused);
        page.AssertNoProblems();
    }

    [Fact]
    public async Task PipelinePages_At390PixelsWide_NoHorizontalScroll()
    {
        var runId = await FailedRunAsync("narrow-etl");
        foreach (var path in new[] { "/ui/pipelines", "/ui/pipelines/default/local/narrow-etl", RunPage("narrow-etl", runId), "/ui/pipelines/default/local/narrow-etl/steps/merge" })
        {
            await using var page = await _fixture.Chromium.OpenAsync(Server.Endpoint, Chromium.PhoneWidth);
            await page.Page.GotoAsync(path);

            Assert.InRange(await page.ScrollWidthAsync(), 1, Chromium.PhoneWidth);
            page.AssertNoProblems();
        }
    }

    [Fact]
    public async Task Navigation_OneNodeOnSqlite_OffersPipelinesButNotNodes()
    {
        await using var page = await _fixture.Chromium.OpenAsync(Server.Endpoint);
        await page.Page.GotoAsync("/ui/jobs");

        var nav = page.Page.GetByRole(AriaRole.Navigation);
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Pipelines" })).ToHaveAttributeAsync("href", "/ui/pipelines");
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Nodes" })).ToHaveCountAsync(0);
        page.AssertNoProblems();
    }
}
