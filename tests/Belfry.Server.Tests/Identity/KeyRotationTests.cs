using Belfry.Server.Tests.Infrastructure;

namespace Belfry.Server.Tests.Identity;

/// <summary>Rotation keeps old keys published until their tokens (1 h, plus 5 min skew) have expired.</summary>
public sealed class KeyRotationTests : IAsyncLifetime
{
    private const string Issuer = "http://127.0.0.1:8085";
    private const string Audience = "https://sync.example";
    private readonly BelfryServerFactory _server = new(issuer: Issuer);
    private HttpClient _http = null!;
    private TokenVerifier _verifier = null!;

    public ValueTask InitializeAsync()
    {
        _http = _server.CreateClient();
        _verifier = new TokenVerifier(_http, _server.Time);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Rotate_TokenMintedBefore_StillVerifiesAndNewTokensUseTheNewKid()
    {
        var oldKid = Assert.Single(await _verifier.PublishedKidsAsync());
        var before = await IdentityApi.GenerateIdTokenAsync(_http, Audience);

        _server.Time.Advance(TimeSpan.FromMinutes(10));
        var rotated = await IdentityApi.RotateAsync(_http);
        var after = await IdentityApi.GenerateIdTokenAsync(_http, Audience);

        var newKid = (string)rotated["kid"]!;
        Assert.NotEqual(oldKid, newKid);
        Assert.Equal([newKid, oldKid], await _verifier.PublishedKidsAsync());
        Assert.Equal(oldKid, (await _verifier.ValidateAsync(before, Issuer, Audience)).Kid);
        Assert.Equal(newKid, (await _verifier.ValidateAsync(after, Issuer, Audience)).Kid);
    }

    [Fact]
    public async Task Rotate_Answer_IsTheNewCurrentKeyWithItsPublicJwkOnly()
    {
        var rotated = await IdentityApi.RotateAsync(_http);

        Assert.Equal(["algorithm", "createTime", "kid", "publicKey", "state"], rotated.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal("RS256", (string?)rotated["algorithm"]);
        Assert.Equal("CURRENT", (string?)rotated["state"]);
        Assert.Equal("2027-01-01T00:00:00Z", (string?)rotated["createTime"]);
        var jwk = rotated["publicKey"]!.AsObject();
        Assert.Equal(["alg", "e", "kid", "kty", "n", "use"], jwk.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal((string?)rotated["kid"], (string?)jwk["kid"]);
    }

    [Fact]
    public async Task ListKeys_AfterRotation_ShowsCurrentAndRetiredWithTimes()
    {
        var firstKid = Assert.Single(await _verifier.PublishedKidsAsync());
        _server.Time.Advance(TimeSpan.FromMinutes(30));
        var rotated = await IdentityApi.RotateAsync(_http);

        var keys = await IdentityApi.ListKeysAsync(_http);

        Assert.Equal(2, keys.Count);
        Assert.Equal((string?)rotated["kid"], (string?)keys[0]!["kid"]);
        Assert.Equal("CURRENT", (string?)keys[0]!["state"]);
        Assert.Null(keys[0]!["retireTime"]);
        Assert.Equal(firstKid, (string?)keys[1]!["kid"]);
        Assert.Equal("RETIRED", (string?)keys[1]!["state"]);
        Assert.Equal("2027-01-01T00:00:00Z", (string?)keys[1]!["createTime"]);
        Assert.Equal("2027-01-01T00:30:00Z", (string?)keys[1]!["retireTime"]);
        Assert.Equal("2027-01-01T01:35:00Z", (string?)keys[1]!["publishUntil"]);
        Assert.DoesNotContain("\"d\"", keys.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jwks_RetiredKey_DropsOutAtRetirePlusLifetimePlusSkew()
    {
        var oldKid = Assert.Single(await _verifier.PublishedKidsAsync());
        var retiredAt = _server.Time.GetUtcNow();
        var newKid = (string)(await IdentityApi.RotateAsync(_http))["kid"]!;

        _server.Time.SetUtcNow(retiredAt + TimeSpan.FromMinutes(65) - TimeSpan.FromSeconds(1));
        Assert.Equal([newKid, oldKid], await _verifier.PublishedKidsAsync());

        _server.Time.SetUtcNow(retiredAt + TimeSpan.FromMinutes(65));
        Assert.Equal([newKid], await _verifier.PublishedKidsAsync());
        Assert.Equal([newKid], (await IdentityApi.ListKeysAsync(_http)).Select(k => (string)k!["kid"]!));
    }

    [Fact]
    public async Task Rotate_Twice_KeysRetiredLongAgoAreForgotten()
    {
        var firstKid = Assert.Single(await _verifier.PublishedKidsAsync());
        var second = (string)(await IdentityApi.RotateAsync(_http))["kid"]!;
        _server.Time.Advance(TimeSpan.FromHours(2));
        var third = (string)(await IdentityApi.RotateAsync(_http))["kid"]!;

        Assert.Equal([third, second], await _verifier.PublishedKidsAsync());
        Assert.DoesNotContain(firstKid, await _verifier.PublishedKidsAsync());
    }

    [Fact]
    public async Task Restart_SameDataDirectory_KeepsTheSigningKey()
    {
        var kid = Assert.Single(await _verifier.PublishedKidsAsync());
        var token = await IdentityApi.GenerateIdTokenAsync(_http, Audience);
        await _server.DisposeAsync();

        await using var restarted = new BelfryServerFactory(_server.DataDirectory, issuer: Issuer);
        var verifier = new TokenVerifier(restarted.CreateClient(), restarted.Time);

        Assert.Equal([kid], await verifier.PublishedKidsAsync());
        await verifier.ValidateAsync(token, Issuer, Audience);
    }

    [Fact]
    public async Task Store_DatabaseFile_IsOwnerOnly()
    {
        Assert.Single(await _verifier.PublishedKidsAsync());
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        var files = Directory.GetFiles(_server.DataDirectory, "belfry.db*");
        Assert.Contains(Path.Combine(_server.DataDirectory, "belfry.db"), files);
        if (!OperatingSystem.IsWindows())
        {
            foreach (var file in files)
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            }
        }
    }
}
