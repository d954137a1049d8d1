using System.Collections.Concurrent;
using Belfry.Testing;
using Microsoft.Playwright;

namespace Belfry.Dashboard.Tests.Infrastructure;

/// <summary>A page whose console errors, failed requests and error answers are recorded, so a test can say there were none.</summary>
internal sealed class WatchedPage : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _problems = new();

    public WatchedPage(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _problems.Enqueue($"console: {message.Text}");
            }
        };
        page.PageError += (_, error) => _problems.Enqueue($"page error: {error}");
        page.RequestFailed += (_, request) => _problems.Enqueue($"failed request: {request.Method} {request.Url} {request.Failure}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                _problems.Enqueue($"answer {response.Status}: {response.Request.Method} {response.Url}");
            }
        };
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public IReadOnlyList<string> Problems => [.. _problems];

    public void AssertNoProblems() => Assert.Empty(Problems);

    /// <summary>Whether the document is no wider than the window: no horizontal scroll.</summary>
    public Task<int> ScrollWidthAsync() => Page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth");

    /// <summary>Presses Tab up to <paramref name="presses"/> times and returns the text of every element focused on the way.</summary>
    public async Task<IReadOnlyList<string>> TabThroughAsync(int presses)
    {
        var focused = new List<string>();
        for (var i = 0; i < presses; i++)
        {
            await Page.Keyboard.PressAsync("Tab");
            focused.Add(await Page.EvaluateAsync<string>("() => { const e = document.activeElement; return e ? `${e.tagName}:${(e.innerText || e.value || '').trim()}` : ''; }"));
        }

        return focused;
    }

    /// <summary>With BELFRY_SCREENSHOTS=1, the whole page into docs/images/ (committed; the README shows some).</summary>
    public async Task ScreenshotAsync(string name)
    {
        if (Environment.GetEnvironmentVariable("BELFRY_SCREENSHOTS") != "1")
        {
            return;
        }

        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestEnvironment.RepositoryRoot, "docs", "images", $"dashboard-{name}.png"), FullPage = true });
    }

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}
