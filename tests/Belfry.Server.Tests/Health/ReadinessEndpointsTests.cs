using System.Net;
using Belfry.Server.Health;
using Belfry.Server.Tests.Infrastructure;
using Belfry.Server.Dispatch;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Belfry.Server.Tests.Health;

/// <summary><c>GET /readyz</c> and <c>GET /healthz</c> on the real server: their answers, open without the admin token; <c>/readyz</c> behind the request guard.</summary>
public sealed class ReadinessEndpointsTests : IAsyncLifetime
{
    private readonly BelfryServerFactory _server = new(adminToken: "s3cret-admin-token");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task Readyz_StoreHealthy_200OkWithoutTheAdminToken()
    {
        var (status, body) = await GetAsync("localhost");

        Assert.Equal((HttpStatusCode.OK, """{"status":"ok"}"""), (status, body));
    }

    [Fact]
    public async Task Readyz_StoreDegradedThenRecovered_503WithTheReasonThen200()
    {
        var health = _server.Services.GetRequiredService<StoreHealth>();

        Assert.True(health.Degrade("the SQLite database's disk is full (SQLITE_FULL)"));
        Assert.False(health.Degrade("the SQLite database's disk is full (SQLITE_FULL)"));
        var degraded = await GetAsync("localhost");
        Assert.True(health.Recover());
        Assert.False(health.Recover());
        var recovered = await GetAsync("localhost");

        Assert.Equal(
            (HttpStatusCode.ServiceUnavailable, """{"status":"unavailable","problems":{"store":"the SQLite database\u0027s disk is full (SQLITE_FULL)"}}"""),
            degraded);
        Assert.Equal(HttpStatusCode.OK, recovered.Status);
    }

    [Fact]
    public async Task Healthz_NoTokenAnyHost_200Ok()
    {
        using var client = _server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        request.Headers.Host = "10.0.0.7:8085";
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.OK, """{"status":"ok"}"""), (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task Readyz_DispatcherRunningThenStopped_200Then503NamingTheDispatcher()
    {
        await using var server = new BelfryServerFactory(adminToken: "s3cret-admin-token");
        server.Settings["Belfry:Dispatch:Enabled"] = "true";
        using var client = server.CreateClient();
        var ct = TestContext.Current.CancellationToken;
        using var running = await client.GetAsync("/readyz", ct);

        var dispatcher = server.Services.GetServices<IHostedService>().OfType<DispatcherService>().Single();
        await dispatcher.StopAsync(ct);
        using var stopped = await client.GetAsync("/readyz", ct);

        Assert.Equal(HttpStatusCode.OK, running.StatusCode);
        Assert.Equal(
            (HttpStatusCode.ServiceUnavailable, """{"status":"unavailable","problems":{"dispatcher":"the dispatcher has stopped"}}"""),
            (stopped.StatusCode, await stopped.Content.ReadAsStringAsync(ct)));
    }

    [Fact]
    public async Task Readyz_ForeignHost_RefusedByTheRequestGuard()
    {
        var (status, _) = await GetAsync("attacker.example");

        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    private async Task<(HttpStatusCode Status, string Body)> GetAsync(string host)
    {
        using var client = _server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/readyz");
        request.Headers.Host = host;
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
