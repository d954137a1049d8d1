using Belfry.Core.Storage;
using Belfry.Server.Tests.Identity;
using Belfry.Server.Tests.Infrastructure;

namespace Belfry.Server.Tests.Cluster;

/// <summary>
/// Issue 12, point 3: one signing key ring per cluster. Two real servers in-process on one PostgreSQL database, each
/// on Kestrel over loopback: a token node A mints verifies against node B's JWKS, read over HTTP, and so does the one A
/// mints right after rotating, without waiting for B's one-minute re-read: B drops its keys when it hears the rotation.
/// </summary>
public sealed class ClusterKeyRingTests : IAsyncLifetime
{
    private const string Issuer = "http://127.0.0.1:8085";
    private const string Audience = "https://sync.example";
    private readonly TwoNodeCluster _cluster = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Jwks_TokenMintedOnNodeAAfterItRotates_VerifiesAgainstNodeBAtOnce()
    {
        var (a, b) = await _cluster.StartAsync(node =>
        {
            node.Settings["Belfry:Issuer"] = Issuer;
            node.UseKestrel(0);
        });
        using var httpA = a.CreateClient();
        using var httpB = b.CreateClient();
        Assert.Equal("127.0.0.1", httpB.BaseAddress?.Host);
        var nodeB = new TokenVerifier(httpB, b.Time);

        // B reads the keys now, and would keep them for a minute of its (fake, unmoving) clock.
        var firstKid = Assert.Single(await nodeB.PublishedKidsAsync());
        var before = await IdentityApi.GenerateIdTokenAsync(httpA, Audience);
        Assert.Equal(firstKid, (await nodeB.ValidateAsync(before, Issuer, Audience)).Kid);

        var (heard, subscription) = TwoNodeCluster.Hear(b, change => change.Kind == StoreChangeKind.SigningKeysChanged);
        string newKid;
        using (subscription)
        {
            newKid = (string)(await IdentityApi.RotateAsync(httpA))["kid"]!;
            await heard.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        }

        var after = await IdentityApi.GenerateIdTokenAsync(httpA, Audience);

        Assert.NotEqual(firstKid, newKid);
        Assert.Equal(newKid, (await nodeB.ValidateAsync(after, Issuer, Audience)).Kid);
        Assert.Equal([newKid, firstKid], await nodeB.PublishedKidsAsync());
        Assert.Equal(firstKid, (await nodeB.ValidateAsync(before, Issuer, Audience)).Kid);
    }
}
