using System.Text;
using Belfry.Server.Tests.Infrastructure;
using Belfry.Testing;

namespace Belfry.Server.Tests.Dispatch;

/// <summary>
/// Redirects followed by the dispatcher (docs/semantics.md, "Redirects"): at another origin only the scheduler's
/// headers go along; the job's headers (API keys), its body and Authorization stay behind (issue 10, H2).
/// </summary>
public sealed class RedirectTests : IAsyncLifetime
{
    private static readonly DateTimeOffset TokyoSixAm = new(2027, 1, 1, 21, 0, 0, TimeSpan.Zero);
    private readonly BelfryServerFactory _server = new();
    private RecordingTarget _first = null!;
    private RecordingTarget _second = null!;
    private ApiClient _api = null!;

    public async ValueTask InitializeAsync()
    {
        _first = await RecordingTarget.StartAsync();
        _second = await RecordingTarget.StartAsync();
        _api = new ApiClient(_server.CreateClient());
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _first.DisposeAsync();
        await _second.DisposeAsync();
    }

    [Fact]
    public async Task Dispatch_307ToAnotherOrigin_DropsJobHeadersBodyAndAuthorization()
    {
        RedirectFirst(307, _second.Url("/landing"));
        await CreateJobAsync(_first.Url("/start"));

        await DispatchAsync();

        var first = Assert.Single(_first.Requests);
        Assert.Equal("secret-key", first.Header("X-Api-Key"));
        Assert.StartsWith("Bearer ", first.Header("Authorization"), StringComparison.Ordinal);
        var second = Assert.Single(_second.Requests);
        Assert.Equal("POST", second.Method);
        Assert.False(second.Headers.ContainsKey("X-Api-Key"));
        Assert.False(second.Headers.ContainsKey("Authorization"));
        Assert.Empty(second.Body);
        Assert.Equal("redirected", second.Header("X-CloudScheduler-JobName"));
        Assert.Equal("1", second.Header("X-Belfry-Attempt"));
    }

    [Fact]
    public async Task Dispatch_307SameOrigin_KeepsEverything()
    {
        RedirectFirst(307, "/landing", onlyFrom: "/start");
        await CreateJobAsync(_first.Url("/start"));

        await DispatchAsync();

        Assert.Equal(["/start", "/landing"], _first.Requests.Select(r => r.Path));
        var landing = _first.Requests[1];
        Assert.Equal("POST", landing.Method);
        Assert.Equal("secret-key", landing.Header("X-Api-Key"));
        Assert.StartsWith("Bearer ", landing.Header("Authorization"), StringComparison.Ordinal);
        Assert.Equal("""{"full":true}""", Encoding.UTF8.GetString(landing.Body));
        Assert.Equal("application/json", landing.Header("Content-Type"));
    }

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(303)]
    public async Task Dispatch_PostRedirectedSameOrigin_BecomesGetWithoutBody(int status)
    {
        RedirectFirst(status, "/landing", onlyFrom: "/start");
        await CreateJobAsync(_first.Url("/start"));

        await DispatchAsync();

        var landing = _first.Requests[1];
        Assert.Equal(("GET", "/landing"), (landing.Method, landing.Path));
        Assert.Empty(landing.Body);
        Assert.Equal("secret-key", landing.Header("X-Api-Key"));
    }

    [Fact]
    public async Task Dispatch_MoreThanTenRedirects_LastRedirectAnswerFails()
    {
        RedirectFirst(302, "/again");
        await CreateJobAsync(_first.Url("/start"));

        await DispatchAsync();

        Assert.Equal(11, _first.Requests.Count);
        var (_, list) = await _api.ExecutionsAsync("redirected");
        Assert.Equal(302, (int?)list["executions"]![0]!["attempts"]![0]!["statusCode"]);
    }

    private void RedirectFirst(int status, string location, string? onlyFrom = null) =>
        _first.Reply = (request, _) => Task.FromResult(onlyFrom is null || request.Path == onlyFrom
            ? new TargetReply(status, Headers: new Dictionary<string, string> { ["Location"] = location })
            : new TargetReply(200));

    private async Task CreateJobAsync(string uri)
    {
        var body = Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"full":true}"""));
        var (status, created) = await _api.CreateAsync(_api.Job("redirected", "", target: $$"""
            {"uri":"{{uri}}","httpMethod":"POST","headers":{"Content-Type":"application/json","X-Api-Key":"secret-key"},"body":"{{body}}",
             "oidcToken":{"serviceAccountEmail":"sync-invoker@test-project.iam.gserviceaccount.com"} }
            """));
        Assert.True(status == 200, created.ToJsonString());
    }

    private async Task DispatchAsync()
    {
        _server.Time.SetUtcNow(TokyoSixAm);
        await _server.DispatchAsync();
    }
}
