using System.Net;
using System.Security.Cryptography;
using System.Text;
using Belfry.AspNetCore.Tests.Infrastructure;
using Microsoft.IdentityModel.Tokens;

namespace Belfry.AspNetCore.Tests.Endpoints;

/// <summary>
/// Acceptance 3: signature, issuer, expiry and exact audience are verified before anything else; refusals answer
/// JSON with a reason and never call the handler.
/// </summary>
public sealed class VerificationTests : EndpointTests
{
    private static readonly RSA OtherRsa = RSA.Create(2048);
    private BatchHost _host = null!;
    private int _calls;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _host = await StartHostAsync(app => MapSync(app, (_, _) =>
        {
            Interlocked.Increment(ref _calls);
            return Task.FromResult(BatchResult.Rows(1));
        }));
    }

    [Theory]
    [InlineData("none", 401, "unauthorized", "missing bearer token")]
    [InlineData("basic", 401, "unauthorized", "missing bearer token")]
    [InlineData("garbage", 401, "unauthorized", "malformed token")]
    [InlineData("unsigned", 401, "unauthorized", "invalid signature")]
    [InlineData("wrong-signature", 401, "unauthorized", "invalid signature")]
    [InlineData("unknown-key", 401, "unauthorized", "invalid signature")]
    [InlineData("hs256", 401, "unauthorized", "invalid signature")]
    [InlineData("expired", 401, "unauthorized", "token expired")]
    [InlineData("not-yet-valid", 401, "unauthorized", "token not yet valid")]
    [InlineData("wrong-issuer", 401, "unauthorized", "issuer \"https://accounts.example\" is not trusted")]
    [InlineData("issuer-trailing-slash", 401, "unauthorized", "is not trusted")]
    [InlineData("audience-trailing-slash", 403, "forbidden", "audience \"http://127.0.0.1:9000/\" does not match")]
    [InlineData("other-audience", 403, "forbidden", "audience \"https://sync.example\" does not match")]
    public async Task Refused_AnswersJsonReasonAndNeverCallsTheHandler(string kind, int statusCode, string status, string reason)
    {
        var token = TokenFor(kind);
        var headers = kind == "basic" ? new Dictionary<string, string> { ["Authorization"] = "Basic dXNlcjpwYXNz" } : null;

        var reply = await _host.PostAsync("/sync", token, headers);

        Assert.Equal((HttpStatusCode)statusCode, reply.StatusCode);
        Assert.Equal("application/json", reply.ContentType);
        Assert.Equal(status, reply.Status);
        Assert.Contains(reason, reply.Reason, StringComparison.Ordinal);
        Assert.Equal(0, _calls);
        Assert.Null(await _host.Ledger.GetAsync(SyncJob, "2027-01-02", TestContext.Current.CancellationToken));
        if (token is not null)
        {
            Assert.DoesNotContain(token, reply.Body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Unauthorized_SaysBearerInWwwAuthenticate()
    {
        using var response = await _host.Client.PostAsync("/sync", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task ValidToken_RunsTheHandlerOnce()
    {
        var reply = await _host.PostAsync("/sync", _host.Token(Issuer, SyncClaims()));

        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        Assert.Equal("succeeded", reply.Status);
        Assert.Equal(1, _calls);
    }

    [Fact]
    public async Task Discovery_IsFetchedOnceForManyRequests()
    {
        for (var day = 1; day <= 5; day++)
        {
            var reply = await _host.PostAsync("/sync", _host.Token(Issuer, SyncClaims($"2027-01-0{day}T06:00:00+09:00")));
            Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        }

        Assert.Equal(1, Issuer.DiscoveryRequests);
    }

    [Fact]
    public async Task KeyRotated_FirstTokenWithTheNewKidIsAccepted()
    {
        Assert.Equal(HttpStatusCode.OK, (await _host.PostAsync("/sync", _host.Token(Issuer, SyncClaims()))).StatusCode);
        Issuer.RotateKey();
        _host.Time.Advance(TimeSpan.FromMinutes(5));

        var reply = await _host.PostAsync("/sync", _host.Token(Issuer, SyncClaims("2027-01-03T06:00:00+09:00")));

        Assert.Equal((HttpStatusCode.OK, "succeeded"), (reply.StatusCode, reply.Status));
        Assert.Equal(2, Issuer.DiscoveryRequests);
    }

    [Fact]
    public async Task MadeUpKids_RefetchTheKeysAtMostEveryTenSeconds()
    {
        var rsa = OtherRsa;
        for (var i = 0; i < 5; i++)
        {
            var token = Issuer.Mint(_host.Time.GetUtcNow(), BatchHost.Audience, SyncClaims(), key: new RsaSecurityKey(rsa) { KeyId = $"made-up-{i}" });
            Assert.Equal(HttpStatusCode.Unauthorized, (await _host.PostAsync("/sync", token)).StatusCode);
            _host.Time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(1, Issuer.DiscoveryRequests);
        _host.Time.Advance(TimeSpan.FromSeconds(10));
        var late = Issuer.Mint(_host.Time.GetUtcNow(), BatchHost.Audience, SyncClaims(), key: new RsaSecurityKey(rsa) { KeyId = "made-up-late" });
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.PostAsync("/sync", late)).StatusCode);
        Assert.Equal(2, Issuer.DiscoveryRequests);
        Assert.Equal(0, _calls);
    }

    [Fact]
    public async Task IssuerUnreachable_Answers503AndNeverCallsTheHandler()
    {
        var host = await StartHostAsync(
            app => MapSync(app, (_, _) =>
            {
                Interlocked.Increment(ref _calls);
                return Task.FromResult(BatchResult.Ok());
            }),
            options => options.Issuer = "http://127.0.0.1:1");

        var reply = await host.PostAsync("/sync", Issuer.Mint(host.Time.GetUtcNow(), BatchHost.Audience, SyncClaims(), issuer: "http://127.0.0.1:1"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, reply.StatusCode);
        Assert.Equal("unavailable", reply.Status);
        Assert.Equal(0, _calls);
    }

    private string? TokenFor(string kind)
    {
        var now = _host.Time.GetUtcNow();
        var claims = SyncClaims();
        return kind switch
        {
            "none" or "basic" => null,
            "garbage" => "not-a-jwt",
            "unsigned" => UnsignedToken(now),
            "wrong-signature" => Issuer.Mint(now, BatchHost.Audience, claims, key: new RsaSecurityKey(OtherRsa) { KeyId = FakeIssuer.KeyId }),
            "unknown-key" => Issuer.Mint(now, BatchHost.Audience, claims, key: new RsaSecurityKey(OtherRsa) { KeyId = "rotated-away" }),
            "hs256" => Issuer.Mint(
                now,
                BatchHost.Audience,
                claims,
                key: new SymmetricSecurityKey(Encoding.UTF8.GetBytes(new string('k', 64))) { KeyId = FakeIssuer.KeyId },
                algorithm: SecurityAlgorithms.HmacSha256),
            "expired" => Issuer.Mint(now - TimeSpan.FromHours(2), BatchHost.Audience, claims),
            "not-yet-valid" => Issuer.Mint(now + TimeSpan.FromMinutes(10), BatchHost.Audience, claims),
            "wrong-issuer" => Issuer.Mint(now, BatchHost.Audience, claims, issuer: "https://accounts.example"),
            "issuer-trailing-slash" => Issuer.Mint(now, BatchHost.Audience, claims, issuer: Issuer.Issuer + "/"),
            "audience-trailing-slash" => Issuer.Mint(now, BatchHost.Audience + "/", claims),
            "other-audience" => Issuer.Mint(now, "https://sync.example", claims),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    private string UnsignedToken(DateTimeOffset now)
    {
        var signed = Issuer.Mint(now, BatchHost.Audience, SyncClaims());
        var payload = signed.Split('.')[1];
        return Base64UrlEncoder.Encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + payload + ".";
    }
}
