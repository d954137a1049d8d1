using Belfry.Core.Storage;
using Belfry.Server.Health;
using Belfry.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Belfry.Server.Tests.Health;

/// <summary>
/// <c>/readyz</c>'s questions to the store itself (<see cref="MigrationsApplied"/>, <see cref="StoreReachable"/>) over a
/// real SQLite file: before it opens, once open, and after it is gone.
/// </summary>
public sealed class StoreChecksTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("belfry-readyz-").FullName;

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    [Fact]
    public async Task FindProblem_BeforeOpenOpenAndDisposed_NotOpenThenNoneThenNotAnswering()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection().AddSingleton<TimeProvider>(time);
        services.AddSqliteStore(_ => _dataDirectory);
        var provider = services.BuildServiceProvider();
        var probe = provider.GetRequiredService<IStoreProbe>();
        var migrations = new MigrationsApplied(probe);
        var reachable = new StoreReachable(probe, provider.GetRequiredService<IStoreFaults>(), time);
        var ct = TestContext.Current.CancellationToken;

        var before = (await migrations.FindProblemAsync(ct), await reachable.FindProblemAsync(ct));
        await provider.GetServices<IHostedService>().First().StartAsync(ct);
        var open = (await migrations.FindProblemAsync(ct), await reachable.FindProblemAsync(ct));
        await provider.GetRequiredService<SqliteDatabase>().DisposeAsync();
        var gone = await reachable.FindProblemAsync(ct);
        await provider.DisposeAsync();

        Assert.Equal(("the store's migrations have not been applied yet", "the store is not open yet"), before);
        Assert.Equal<(string?, string?)>((null, null), open);
        Assert.StartsWith("the store does not answer", gone, StringComparison.Ordinal);
    }
}
