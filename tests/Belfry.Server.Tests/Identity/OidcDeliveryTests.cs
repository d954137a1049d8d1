using System.Text.Json;
using Belfry.Server.Tests.Infrastructure;
using Belfry.Testing;

namespace Belfry.Server.Tests.Identity;

/// <summary>Jobs with <c>oidcToken</c>: each attempt carries a token a target verifies with the server's JWKS alone.</summary>
public sealed class OidcDeliveryTests : IAsyncLifetime
{
    private const string Issuer = "http://127.0.0.1:8085";
    private const string Account = "scheduler@my-project.iam.gserviceaccount.com";
    private static readonly DateTimeOffset TokyoSixAm = new(2027, 1, 1, 21, 0, 0, TimeSpan.Zero);
    private readonly BelfryServerFactory _server = new(issuer: Issuer);
    private RecordingTarget _target = null!;
    private ApiClient _api = null!;
    private TokenVerifier _verifier = null!;

    public async ValueTask InitializeAsync()
    {
        _target = await RecordingTarget.StartAsync();
        var http = _server.CreateClient();
        _api = new ApiClient(http);
        _verifier = new TokenVerifier(http, _server.Time);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _target.DisposeAsync();
    }

    [Fact]
    public async Task Dispatch_OidcTokenWithAudience_SendsBearerTokenWithEveryClaimSigned()
    {
        await _api.CreateAsync(_api.Job("sync-daily-data", "", target: $$"""
            {"uri":"{{_target.Url("/sync")}}","oidcToken":{"serviceAccountEmail":"{{Account}}","audience":"https://sync.example/run"} }
            """));
        _server.Time.SetUtcNow(TokyoSixAm);
        await _server.DispatchAsync();

        var request = Assert.Single(_target.Requests);
        var token = Bearer(request);
        var jwt = await _verifier.ValidateAsync(token, Issuer, "https://sync.example/run");
        var header = TokenVerifier.Header(token);
        Assert.Equal("RS256", (string?)header["alg"]);
        Assert.Equal("JWT", (string?)header["typ"]);
        Assert.Equal(Assert.Single(await _verifier.PublishedKidsAsync()), (string?)header["kid"]);
        Assert.Equal(jwt.Kid, (string?)header["kid"]);

        var payload = TokenVerifier.Payload(token);
        var iat = TokyoSixAm.ToUnixTimeSeconds();
        var expected = $$"""
            {
              "iss": "{{Issuer}}",
              "aud": "https://sync.example/run",
              "sub": "{{Account}}",
              "email": "{{Account}}",
              "email_verified": true,
              "iat": {{iat}},
              "exp": {{iat + 3600}},
              "belfry_job": "sync-daily-data",
              "belfry_job_name": "projects/test-project/locations/asia-northeast1/jobs/sync-daily-data",
              "belfry_schedule_time": "2027-01-02T06:00:00+09:00",
              "belfry_time_zone": "Asia/Tokyo",
              "belfry_execution": "{{request.Header("X-Belfry-Execution")}}",
              "belfry_attempt": 1,
              "belfry_epoch": {{request.Header("X-Belfry-Epoch")}},
              "belfry_trigger": "scheduled"
            }
            """;
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(expected), payload), payload.ToJsonString());
        Assert.Equal(request.Header("X-CloudScheduler-ScheduleTime"), (string?)payload["belfry_schedule_time"]);
        Assert.Equal(request.Header("X-CloudScheduler-JobName"), (string?)payload["belfry_job"]);
        Assert.Equal(JsonValueKind.Number, TokenVerifier.Kind(payload, "belfry_attempt"));
        Assert.Equal(JsonValueKind.Number, TokenVerifier.Kind(payload, "belfry_epoch"));
        Assert.Equal(JsonValueKind.True, TokenVerifier.Kind(payload, "email_verified"));
    }

    [Fact]
    public async Task Dispatch_OidcTokenWithoutAudience_AudienceIsTheTargetUriExactly()
    {
        var uri = _target.Url("/report?kind=daily&tz=Asia%2FTokyo");
        await _api.CreateAsync(_api.Job("report", "", target: $$"""
            {"uri":"{{uri}}","httpMethod":"GET","oidcToken":{"serviceAccountEmail":"{{Account}}"} }
            """));
        _server.Time.SetUtcNow(TokyoSixAm);
        await _server.DispatchAsync();

        var token = Bearer(Assert.Single(_target.Requests));
        await _verifier.ValidateAsync(token, Issuer, uri);
        Assert.Equal(uri, (string?)TokenVerifier.Payload(token)["aud"]);
    }

    [Fact]
    public async Task Dispatch_ManualRunThenRetry_EachAttemptGetsItsOwnToken()
    {
        _target.Respond = (_, _) => Task.FromResult(_target.Requests.Count == 1 ? 503 : 200);
        await _api.CreateAsync(_api.Job("manual", "", target: $$"""
            {"uri":"{{_target.Url("/sync")}}","oidcToken":{"serviceAccountEmail":"{{Account}}"} }
            """, extra: """ "retryConfig":{"retryCount":2,"minBackoffDuration":"10s"}"""));
        await _api.ActAsync("manual", "run");
        await _server.DispatchAsync();
        _server.Time.Advance(TimeSpan.FromSeconds(10));
        await _server.DispatchAsync();

        Assert.Equal(2, _target.Requests.Count);
        var payloads = _target.Requests.Select(r => TokenVerifier.Payload(Bearer(r))).ToList();
        Assert.Equal([1, 2], payloads.Select(p => (int)p["belfry_attempt"]!));
        Assert.All(payloads, p => Assert.Equal("manual", (string?)p["belfry_trigger"]));
        Assert.Equal((string?)payloads[0]["belfry_execution"], (string?)payloads[1]["belfry_execution"]);
        Assert.Equal((long)payloads[0]["iat"]! + 10, (long)payloads[1]["iat"]!);
        Assert.Equal(_target.Requests[0].Header("X-CloudScheduler-ScheduleTime"), (string?)payloads[0]["belfry_schedule_time"]);
        foreach (var request in _target.Requests)
        {
            await _verifier.ValidateAsync(Bearer(request), Issuer, _target.Url("/sync"));
        }
    }

    [Fact]
    public async Task Dispatch_NoOidcToken_SendsNoAuthorization()
    {
        await _api.CreateAsync(_api.Job("plain", _target.Url("/sync")));
        await _api.ActAsync("plain", "run");
        await _server.DispatchAsync();

        Assert.False(Assert.Single(_target.Requests).Headers.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task Dispatch_TargetRedirectsWithinItsOrigin_TokenGoesAlong()
    {
        // docs/semantics.md "Redirects": the same origin keeps everything; another origin never gets the token
        // (RedirectTests.Dispatch_307ToAnotherOrigin_DropsJobHeadersBodyAndAuthorization).
        await _api.CreateAsync(_api.Job("redirected", "", target: $$"""
            {"uri":"{{_target.Url("/redirect-to/elsewhere")}}","httpMethod":"GET","oidcToken":{"serviceAccountEmail":"{{Account}}"} }
            """));
        await _api.ActAsync("redirected", "run");
        await _server.DispatchAsync();

        Assert.Equal(["/redirect-to/elsewhere", "/elsewhere"], _target.Requests.Select(r => r.Path));
        Assert.Equal(_target.Requests[0].Header("Authorization"), _target.Requests[1].Header("Authorization"));
    }

    [Fact]
    public async Task Token_AtExpiry_IsRejectedByStandardValidation()
    {
        await _api.CreateAsync(_api.Job("expires", "", target: $$"""
            {"uri":"{{_target.Url("/sync")}}","oidcToken":{"serviceAccountEmail":"{{Account}}"} }
            """));
        await _api.ActAsync("expires", "run");
        await _server.DispatchAsync();
        var token = Bearer(Assert.Single(_target.Requests));

        // The verifier's default clock skew is 5 minutes: a token is accepted until exp + 5 min, not after.
        _server.Time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        await _verifier.ValidateAsync(token, Issuer, _target.Url("/sync"));
        _server.Time.Advance(TimeSpan.FromSeconds(1));
        var result = await _verifier.TryValidateAsync(token, Issuer, _target.Url("/sync"));

        Assert.False(result.IsValid);
        Assert.IsType<Microsoft.IdentityModel.Tokens.SecurityTokenInvalidLifetimeException>(result.Exception);
    }

    private static string Bearer(RecordedRequest request)
    {
        var authorization = request.Header("Authorization");
        Assert.StartsWith("Bearer ", authorization, StringComparison.Ordinal);
        return authorization["Bearer ".Length..];
    }
}
