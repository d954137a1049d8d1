using Belfry.Dashboard.Tests.Infrastructure;
using Belfry.Testing.Postgres;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Belfry.Dashboard.Tests;

/// <summary>
/// The nodes page (issue 16) read as <c>GET /v1/nodes</c> reads them: one node on a SQLite file, and two real servers
/// sharing one real PostgreSQL database (a throwaway cluster from initdb/pg_ctl, or <c>BELFRY_TEST_POSTGRES</c>;
/// skipped locally without PostgreSQL, failing on CI).
/// </summary>
public sealed class NodesPageTests : IAsyncLifetime
{
    private Chromium _chromium = null!;

    public async ValueTask InitializeAsync() => _chromium = await Chromium.LaunchAsync();

    public async ValueTask DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }
    }

    [Fact]
    public async Task NodesPage_OneServerOnSqlite_ListsItAlive()
    {
        await using var server = await DashboardServer.StartAsync(settings: ["--Belfry:Cluster:NodeId=solo"]);
        await using var page = await _chromium.OpenAsync(server.Endpoint);
        await page.Page.GotoAsync("/ui/nodes");

        var row = page.Page.Locator("tbody tr");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToHaveAttributeAsync("data-node", "solo");
        await Expect(row).ToContainTextAsync("ACTIVE (alive)");
        await Expect(page.Page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Nodes" })).ToHaveCountAsync(0);
        page.AssertNoProblems();
    }

    [Fact]
    public async Task NodesPage_TwoServersSharingPostgres_EitherListsBoth()
    {
        await using var database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
        await using var a = await DashboardServer.StartAsync(settings: [$"--Belfry:Store={database.ConnectionString}", "--Belfry:Cluster:NodeId=node-a"]);
        await using var b = await DashboardServer.StartAsync(settings: [$"--Belfry:Store={database.ConnectionString}", "--Belfry:Cluster:NodeId=node-b"]);

        foreach (var (server, name) in new[] { (a, "a"), (b, "b") })
        {
            await using var page = await _chromium.OpenAsync(server.Endpoint);
            await page.Page.GotoAsync("/ui");
            await page.Page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Nodes" }).ClickAsync();

            await Expect(page.Page.Locator("h1")).ToHaveTextAsync("Nodes");
            var rows = page.Page.Locator("tbody tr");
            await Expect(rows).ToHaveCountAsync(2);
            await Expect(page.Page.Locator("tr[data-node=node-a]")).ToContainTextAsync("ACTIVE (alive)");
            await Expect(page.Page.Locator("tr[data-node=node-b]")).ToContainTextAsync("ACTIVE (alive)");

            // Each node tells the others the address it bound once it has: this server's own row shows its real port.
            await Expect(page.Page.Locator($"tr[data-node=node-{name}]")).ToContainTextAsync(new Uri(server.Endpoint).Authority, new() { Timeout = 15_000 });
            if (name == "a")
            {
                await page.ScreenshotAsync("nodes");
            }

            page.AssertNoProblems();
        }
    }
}
