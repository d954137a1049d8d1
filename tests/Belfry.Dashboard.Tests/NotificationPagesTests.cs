using Belfry.Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Belfry.Dashboard.Tests;

/// <summary>
/// The notifications page, the overview's "Notifications failing" and the links notifications carry, in a real
/// Chromium against a real server whose relay sends to a real loopback receiver (issue 16).
/// </summary>
public sealed class NotificationPagesTests(NotificationsFixture fixture) : IClassFixture<NotificationsFixture>
{
    private const string Page = "/ui/notifications";

    private DashboardServer Server => fixture.Server;

    /// <summary>
    /// Waits until the broken channel's failed try is recorded: the relay records after the receiver answered, which
    /// nothing outside the store shows but the pages, so the overview is read (over plain HTTP) until it says so.
    /// </summary>
    private async Task WaitForFailingChannelAsync()
    {
        await fixture.Receiver.WaitForRequestsAsync(1);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        using var http = new HttpClient { BaseAddress = new Uri(Server.Endpoint) };
        while (!(await http.GetStringAsync("/ui", timeout.Token)).Contains("The receiver answered HTTP 500.", StringComparison.Ordinal))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token);
        }
    }

    [Fact]
    public async Task NotificationsPage_RealChannelsAndPolicies_ShowsMaskedTargetsFailuresAndPolicies()
    {
        await WaitForFailingChannelAsync();
        await using var page = await fixture.Chromium.OpenAsync(Server.Endpoint);
        await page.Page.GotoAsync("/ui");
        await page.Page.GetByRole(AriaRole.Link, new() { Name = "Notifications", Exact = true }).ClickAsync();

        await Expect(page.Page).ToHaveURLAsync(Server.Endpoint + Page);
        var ops = page.Page.Locator("#channel-ops");
        await Expect(ops).ToContainTextAsync("Ops webhook");
        await Expect(ops).ToContainTextAsync("WEBHOOK");
        await Expect(ops).ToContainTextAsync("a stored URL (not shown)");
        var broken = page.Page.Locator("#channel-broken");
        await Expect(broken).ToHaveClassAsync("failed");
        await Expect(broken).ToContainTextAsync("The receiver answered HTTP 500.");
        var policy = page.Page.Locator("#policy-scheduler-failures");
        await Expect(policy).ToContainTextAsync("1 failed execution within 300s of any job");
        await Expect(policy).ToContainTextAsync("ops");
        await Expect(policy.Locator("[data-field=policy-state]")).ToContainTextAsync("FIRING", new() { Timeout = 15_000 });
        await page.ScreenshotAsync("notifications");
        page.AssertNoProblems();
    }

    [Fact]
    public async Task SendTestMessage_ReceiverAnswers200_DeliveredAndThePageSaysSo()
    {
        await using var page = await fixture.Chromium.OpenAsync(Server.Endpoint);
        await page.Page.GotoAsync(Page);
        var before = fixture.Receiver.Requests.Count(r => r.Header("X-Belfry-Event-Type") == "channel.test");

        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Send a test message to ops" }).ClickAsync();

        await Expect(page.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Test message sent to ops (HTTP 200).");
        Assert.Contains("tested=ops", page.Page.Url, StringComparison.Ordinal);
        var tests = fixture.Receiver.Requests.Where(r => r.Header("X-Belfry-Event-Type") == "channel.test").ToList();
        Assert.Equal(before + 1, tests.Count);
        Assert.Equal($"/hooks/{NotificationsFixture.OpsToken}", tests[^1].Path);
        page.AssertNoProblems();
    }

    [Fact]
    public async Task SendTestMessage_ReceiverAnswers500_ThePageSaysWhyNot()
    {
        await using var page = await fixture.Chromium.OpenAsync(Server.Endpoint);
        await page.Page.GotoAsync(Page);

        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Send a test message to broken" }).ClickAsync();

        await Expect(page.Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Test message to broken not sent: The receiver answered HTTP 500.");
        page.AssertNoProblems();
    }

    [Fact]
    public async Task SendTestMessage_WithoutAntiforgeryToken_RefusedAndNothingSent()
    {
        await using var page = await fixture.Chromium.OpenAsync(Server.Endpoint);
        var before = fixture.Receiver.Requests.Count;

        var response = await page.Context.APIRequest.PostAsync(Page, new APIRequestContextOptions
        {
            Form = page.Context.APIRequest.CreateFormData().Set("_handler", "test-ops"),
            MaxRedirects = 0,
        });

        Assert.Equal(400, response.Status);
        Assert.DoesNotContain(fixture.Receiver.Requests.Skip(before), r => r.Header("X-Belfry-Event-Type") == "channel.test");
    }

    [Theory]
    [InlineData("/ui")]
    [InlineData(Page)]
    public async Task Pages_ChannelSecrets_AppearNowhereInTheHtml(string path)
    {
        await WaitForFailingChannelAsync();
        await using var page = await fixture.Chromium.OpenAsync(Server.Endpoint);
        await page.Page.GotoAsync(path);

        var html = await page.Page.ContentAsync();
        Assert.Contains("broken", html, StringComparison.Ordinal);
        foreach (var secret in new[] { NotificationsFixture.OpsToken, NotificationsFixture.BrokenToken, NotificationsFixture.SigningSecret, fixture.Receiver.BaseUrl })
        {
            Assert.DoesNotContain(secret, html, StringComparison.Ordinal);
        }

        page.AssertNoProblems();
    }

    [Fact]
    public async Task Overview_ChannelWhoseReceiverAnswers500_ListedAsFailing()
    {
        await WaitForFailingChannelAsync();
        await using var page = await fixture.Chromium.OpenAsync(Server.Endpoint);
        await page.Page.GotoAsync("/ui");

        var section = page.Page.Locator("section[aria-labelledby=notifications-failing]");
        var row = section.Locator("tr", new() { HasText = "broken" });
        await Expect(row).ToContainTextAsync("The receiver answered HTTP 500.");
        await Expect(section).Not.ToContainTextAsync("ops");
        await row.GetByRole(AriaRole.Link, new() { Name = "broken" }).ClickAsync();
        await Expect(page.Page).ToHaveURLAsync(Server.Endpoint + Page + "?project=default&location=local#channel-broken");
        page.AssertNoProblems();
    }

    [Fact]
    public async Task FailedExecution_NoDashboardUrl_LinkIsTheServersOwnUiAndOpensTheExecution()
    {
        var notification = await fixture.OpsNotificationAsync("execution.failed");
        var execution = (await Server.ExecutionsAsync("flaky"))[0].GetProperty("name").GetString()!.Split('/')[^1];

        var link = notification.GetProperty("link").GetString()!;

        Assert.Equal($"{Server.Endpoint}/ui/jobs/default/local/flaky/executions/{execution}", link);
        await using var page = await fixture.Chromium.OpenAsync(Server.Endpoint);
        await page.Page.GotoAsync(link);
        var marked = page.Page.Locator("section[aria-labelledby=executions] tr.selected");
        await Expect(marked).ToHaveCountAsync(1);
        await Expect(marked).ToContainTextAsync("FAILED");
        page.AssertNoProblems();
    }

    [Fact]
    public async Task AlertFiring_NoDashboardUrl_LinkOpensThePolicyOnTheNotificationsPage()
    {
        var notification = await fixture.OpsNotificationAsync("alert.firing");

        var link = notification.GetProperty("link").GetString()!;

        Assert.Equal($"{Server.Endpoint}/ui/notifications?project=default&location=local#policy-scheduler-failures", link);
        await using var page = await fixture.Chromium.OpenAsync(Server.Endpoint);
        await page.Page.GotoAsync(link);
        await Expect(page.Page.Locator("#policy-scheduler-failures")).ToContainTextAsync("FIRING");
        page.AssertNoProblems();
    }

    [Fact]
    public async Task NotificationsPage_At390PixelsWide_NoHorizontalScroll()
    {
        await using var page = await fixture.Chromium.OpenAsync(Server.Endpoint, Chromium.PhoneWidth);
        await page.Page.GotoAsync(Page);

        Assert.InRange(await page.ScrollWidthAsync(), 1, Chromium.PhoneWidth);
        page.AssertNoProblems();
    }

    [Fact]
    public async Task NotificationsPage_Keyboard_TabReachesEveryTestButton()
    {
        await using var page = await fixture.Chromium.OpenAsync(Server.Endpoint);
        await page.Page.GotoAsync(Page);

        // The channel's id is in a visually hidden span, which innerText puts on a line of its own.
        var focused = (await page.TabThroughAsync(10)).Select(f => string.Join(' ', f.Split((char[])['\n', ' '], StringSplitOptions.RemoveEmptyEntries))).ToList();

        Assert.Contains("BUTTON:Send a test message to ops", focused);
        Assert.Contains("BUTTON:Send a test message to broken", focused);
        page.AssertNoProblems();
    }
}
