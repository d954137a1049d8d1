using Belfry.Testing;
using Microsoft.Playwright;

namespace Belfry.Dashboard.Tests.Infrastructure;

/// <summary>
/// Debian's headless Chromium, driven by Playwright for .NET (its bundled driver; no browser is ever downloaded: the
/// executable is /usr/bin/chromium, which .ci/run installs with apt). Missing, the tests skip locally and fail on CI.
/// </summary>
internal sealed class Chromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>The narrowest phone the pages must serve without a horizontal scroll.</summary>
    public const int PhoneWidth = 390;

    private readonly IPlaywright _playwright;

    private Chromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static async Task<Chromium> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            var reason = $"{ExecutablePath} is missing: install Debian's chromium (apt-get install chromium), as .ci/run does.";
            if (TestEnvironment.IsCi)
            {
                throw new InvalidOperationException(reason);
            }

            Assert.Skip(reason);
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,

            // Root in a container has no user namespace for Chromium's sandbox.
            Args = Environment.UserName == "root" ? ["--no-sandbox"] : [],
        });
        return new Chromium(playwright, browser);
    }

    /// <summary>A fresh context (no cookies) and page, watched for console errors, failed requests and answers of 400 or more.</summary>
    public async Task<WatchedPage> OpenAsync(string baseUrl, int width = 1280)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
        });
        return new WatchedPage(context, await context.NewPageAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
