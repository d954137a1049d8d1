using Belfry.Core.Storage;
using Belfry.Server.Identity;
using Belfry.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Belfry.Server.Tests.Identity;

/// <summary>
/// The ring keeps the keys it read for up to a minute, but drops them when the store's change feed says the keys
/// changed: here a rotation written to the same SQLite store by another writer than the ring (on PostgreSQL, another
/// node: Cluster/ClusterKeyRingTests).
/// </summary>
public sealed class SigningKeyRingTests : IAsyncLifetime
{
    private readonly BelfryServerFactory _server = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task GetPublished_KeysRotatedInTheStoreByAnotherWriter_ServesTheNewKeyWithoutWaiting()
    {
        var ring = _server.Services.GetRequiredService<SigningKeyRing>();
        var store = _server.Services.GetRequiredService<ISigningKeyStore>();
        var first = Assert.Single(await ring.GetPublishedAsync(Ct));
        var now = _server.Time.GetUtcNow();

        var next = RsaSigningKeys.Generate(now);
        await store.RotateSigningKeyAsync(next, now - SigningKeyRing.PublishedAfterRetirement, Ct);

        Assert.Equal([next.Id, first.Id], (await ring.GetPublishedAsync(Ct)).Select(k => k.Id));
        Assert.Equal(next.Id, (await ring.GetCurrentAsync(Ct)).Id);
    }

    [Fact]
    public async Task GetPublished_OtherChangesOnly_KeepsWhatItReadForAMinuteThenReadsAgain()
    {
        var ring = _server.Services.GetRequiredService<SigningKeyRing>();
        var read = Assert.Single(await ring.GetPublishedAsync(Ct));
        var api = new ApiClient(_server.CreateClient());
        Assert.Equal(200, (await api.CreateAsync(api.Job("nightly", "https://example.com/sync"))).Status);

        _server.Time.Advance(TimeSpan.FromSeconds(59));
        Assert.Same(read, Assert.Single(await ring.GetPublishedAsync(Ct)));

        _server.Time.Advance(TimeSpan.FromSeconds(1));
        var reread = Assert.Single(await ring.GetPublishedAsync(Ct));
        Assert.NotSame(read, reread);
        Assert.Equal(read.Id, reread.Id);
    }
}
