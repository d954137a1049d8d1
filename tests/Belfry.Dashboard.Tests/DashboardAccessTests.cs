using Belfry.Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Belfry.Dashboard.Tests;

/// <summary>
/// Access beyond loopback (issue 16, acceptance 3), stood for by a server with <c>Belfry:Dashboard:OpenOnLoopback=false</c>
/// on 127.0.0.1: the admin token's sign-in cookie is required, and every action needs its anti-forgery token.
/// </summary>
public sealed class DashboardAccessTests : IAsyncLifetime
{
    private Chromium _chromium = null!;
    private DashboardServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        _chromium = await Chromium.LaunchAsync();
        _server = await DashboardServer.StartAsync(openOnLoopback: false);
        await _server.CreateJobAsync("guarded");
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }
    }

    [Fact]
    public async Task JobPage_NoSignIn_RedirectsToSignIn()
    {
        await using var page = await _chromium.OpenAsync(_server.Endpoint);
        await page.Page.GotoAsync("/ui/jobs/default/local/guarded");

        await Expect(page.Page).ToHaveURLAsync(_server.Endpoint + "/ui/signin?returnUrl=%2Fui%2Fjobs%2Fdefault%2Flocal%2Fguarded");
        await Expect(page.Page.Locator("body")).Not.ToContainTextAsync("guarded");
        page.AssertNoProblems();
    }

    [Fact]
    public async Task PausePost_NoSignIn_RedirectsToSignInAndNothingChanged()
    {
        await using var page = await _chromium.OpenAsync(_server.Endpoint);

        var response = await page.Context.APIRequest.PostAsync("/ui/jobs/default/local/guarded", new APIRequestContextOptions
        {
            Form = Form(page.Context, ("_handler", "pause")),
            MaxRedirects = 0,
        });

        Assert.Equal(303, response.Status);
        Assert.StartsWith("/ui/signin?returnUrl=", response.Headers["location"], StringComparison.Ordinal);
        Assert.Equal("ENABLED", await _server.StateAsync("guarded"));
    }

    [Fact]
    public async Task SignIn_WrongToken_RefusedAndStillSignedOut()
    {
        await using var page = await _chromium.OpenAsync(_server.Endpoint);
        await page.Page.GotoAsync("/ui");
        await page.Page.GetByLabel("Admin token").FillAsync("not-the-token");
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not the server's admin token");
        Assert.Empty(await page.Context.CookiesAsync([_server.Endpoint + "/ui"]) is var cookies ? cookies.Where(c => c.Name == "belfry-dashboard") : []);
    }

    [Fact]
    public async Task SignIn_AdminToken_SetsAStrictHttpOnlyCookieAndActionsWork()
    {
        await using var page = await _chromium.OpenAsync(_server.Endpoint);
        await page.Page.GotoAsync("/ui/jobs/default/local/guarded");
        await page.Page.GetByLabel("Admin token").FillAsync(DashboardServer.AdminToken);
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.Page.Locator("h1")).ToHaveTextAsync("guarded");
        var cookie = Assert.Single(await page.Context.CookiesAsync(), c => c.Name == "belfry-dashboard");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.DoesNotContain(DashboardServer.AdminToken, cookie.Value, StringComparison.Ordinal);

        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();
        await Expect(page.Page.Locator("[data-field=state]")).ToHaveTextAsync("PAUSED");
        Assert.Equal("PAUSED", await _server.StateAsync("guarded"));
        page.AssertNoProblems();
    }

    [Fact]
    public async Task PausePost_SignedInWithoutAntiforgeryToken_Refused400AndNothingChanged()
    {
        await using var page = await _chromium.OpenAsync(_server.Endpoint);
        await page.Page.GotoAsync("/ui/signin");
        await page.Page.GetByLabel("Admin token").FillAsync(DashboardServer.AdminToken);
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Page.Locator("h1")).ToHaveTextAsync("Overview");

        var response = await page.Context.APIRequest.PostAsync("/ui/jobs/default/local/guarded", new APIRequestContextOptions
        {
            Form = Form(page.Context, ("_handler", "pause")),
            MaxRedirects = 0,
        });

        Assert.Equal(400, response.Status);
        Assert.Equal("ENABLED", await _server.StateAsync("guarded"));
    }

    private static IFormData Form(IBrowserContext context, params (string Name, string Value)[] fields)
    {
        var form = context.APIRequest.CreateFormData();
        foreach (var (name, value) in fields)
        {
            form.Set(name, value);
        }

        return form;
    }
}
