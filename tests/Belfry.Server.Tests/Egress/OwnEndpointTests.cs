using Belfry.Server.Dispatch;
using Belfry.Server.Hosting;
using Belfry.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Belfry.Server.Tests.Egress;

/// <summary>
/// A job or channel aimed at the server itself is refused (issue 10, H2): the real server on Kestrel, bound to port 0,
/// so the port is known only once it has bound.
/// </summary>
public sealed class OwnEndpointTests : IAsyncLifetime
{
    private const string OwnEndpoint = "egress denied: the address is this server's own endpoint";
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("belfry-own-").FullName;
    private WebApplication _app = null!;
    private HttpClient _http = null!;
    private ApiClient _api = null!;

    public async ValueTask InitializeAsync()
    {
        _app = BelfryApplication.Build(
        [
            $"--Belfry:DataDirectory={_dataDirectory}", "--urls=http://127.0.0.1:0", "--Belfry:AdminToken=",
            "--Belfry:Dispatch:Enabled=false", "--Belfry:Notifications:Enabled=false", "--Belfry:Alerts:Enabled=false",
        ]);
        await _app.StartAsync(TestContext.Current.CancellationToken);
        _http = new HttpClient { BaseAddress = new Uri(_app.Urls.Single()) };
        _api = new ApiClient(_http);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("0.0.0.0")]
    public async Task Create_JobAtTheServersOwnLiteralAddress_InvalidArgument(string host)
    {
        var port = new Uri(_app.Urls.Single()).Port;

        var (status, body) = await _api.CreateAsync(_api.Job("inside-job", $"http://{host}:{port}/v1/projects"));

        Assert.Equal(400, status);
        Assert.StartsWith("httpTarget.uri: " + OwnEndpoint, (string?)body["error"]!["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_JobAimedAtTheServersOwnApiByName_RefusedWithReason()
    {
        // A name is not checked by the API; the connection to what it resolves to is refused.
        var port = new Uri(_app.Urls.Single()).Port;
        var target = $"http://localhost:{port}/v1/{_api.Parent}/jobs";
        Assert.Equal(200, (await _api.CreateAsync(_api.Job("inside-job", target, extra: "\"retryConfig\":{\"retryCount\":0}"))).Status);
        Assert.Equal(200, (await _api.ActAsync("inside-job", "run")).Status);

        var dispatcher = _app.Services.GetRequiredService<Dispatcher>();
        await dispatcher.RunOnceAsync(TestContext.Current.CancellationToken);
        await dispatcher.WhenIdleAsync();

        var (_, list) = await _api.ExecutionsAsync("inside-job");
        Assert.Equal(OwnEndpoint, (string?)list["executions"]![0]!["attempts"]![0]!["error"]);
    }

    [Fact]
    public async Task Test_ChannelAimedAtTheServer_NotDeliveredWithReason()
    {
        var port = new Uri(_app.Urls.Single()).Port;
        Assert.Equal(200, (await _api.CreateChannelAsync("inside", "WEBHOOK", $"http://localhost:{port}/v1/projects")).Status);

        var (status, result) = await _api.SendAsync(HttpMethod.Post, _api.Parent + "/channels/inside:test", "{}");

        Assert.Equal(200, status);
        Assert.Equal($"Not delivered: {OwnEndpoint}.", (string?)result["error"]);
    }
}
