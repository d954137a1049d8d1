using System.Text.RegularExpressions;
using Belfry.Core.Storage;
using Belfry.Server.Dispatch;
using Belfry.Server.Tests.Infrastructure;
using Belfry.Storage.Sqlite;
using Belfry.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Belfry.Server.Tests.Hosting;

/// <summary>
/// One store per aggregate (issue 11, point 2): each contract registered once by <c>AddSqliteStore</c>, opened by a
/// hosted service that starts first, and nothing in the server casts a store or tests its type.
/// </summary>
public sealed partial class StoreCompositionTests : IDisposable
{
    private static readonly Type[] Contracts =
    [
        typeof(IJobStore), typeof(IDispatchQueue), typeof(IExecutionStore), typeof(IPipelineStore), typeof(IChannelStore),
        typeof(IAlertPolicyStore), typeof(IMissedRunStore), typeof(INotificationOutbox), typeof(ISigningKeyStore),
        typeof(INodeStore), typeof(ILocationStore), typeof(IChangeSetStore), typeof(IStoreChanges), typeof(IStoreStartup), typeof(IStoreFaults),
        typeof(IStoreProbe),
    ];

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("belfry-compose-").FullName;

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    [Fact]
    public void AddSqliteStore_EveryStoreContract_RegisteredOnceAndTheStartupHostedServiceFirst()
    {
        var services = new ServiceCollection();
        services.AddHostedService<FirstRegisteredService>();

        services.AddSqliteStore(_ => _dataDirectory);

        Assert.All(Contracts, c => Assert.Single(services, d => d.ServiceType == c));
        Assert.Equal(Contracts.Length, typeof(IJobStore).Assembly.GetTypes().Count(t => t.IsInterface && t.Namespace == typeof(IJobStore).Namespace));
        var hosted = services.Where(d => d.ServiceType == typeof(IHostedService)).ToList();
        Assert.Equal(2, hosted.Count);
        Assert.NotNull(hosted[0].ImplementationFactory);
        Assert.Equal(typeof(FirstRegisteredService), hosted[1].ImplementationType);
    }

    [Fact]
    public async Task AddSqliteStore_BeforeAndAfterTheHostedServiceStarts_StoresRefuseThenWork()
    {
        var services = new ServiceCollection().AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        services.AddSqliteStore(_ => _dataDirectory);
        await using var provider = services.BuildServiceProvider();
        var keys = provider.GetRequiredService<ISigningKeyStore>();
        var ct = TestContext.Current.CancellationToken;

        await Assert.ThrowsAsync<InvalidOperationException>(() => keys.ListSigningKeysAsync(ct));
        Assert.False(File.Exists(Path.Combine(_dataDirectory, SqliteDatabase.FileName)));

        await provider.GetServices<IHostedService>().First().StartAsync(ct);

        Assert.Empty(await keys.ListSigningKeysAsync(ct));
        Assert.True(File.Exists(Path.Combine(_dataDirectory, SqliteDatabase.FileName)));
    }

    [Fact]
    public void ServerTypes_OutsideHosting_MentionNoSqliteType()
    {
        // The server works with Core's store contracts only; composition (Hosting) alone names the SQLite assembly.
        var mentions = TypeReferences.Find(typeof(Dispatcher).Assembly.Location, ns => ns != "Belfry.Server.Hosting");

        Assert.Contains(mentions, r => r.From == typeof(Dispatcher).FullName && r.Mentioned.Contains(typeof(IDispatchQueue).FullName!, StringComparison.Ordinal));
        Assert.Empty(mentions.Where(r => r.Mentioned.Contains("Belfry.Storage.Sqlite.", StringComparison.Ordinal)).Distinct());
    }

    [Fact]
    public void Sources_NoFile_CastsAStoreOrTestsItsType()
    {
        var src = Path.Combine(TestEnvironment.RepositoryRoot, "src");
        var files = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories).ToList();

        Assert.NotEmpty(files);
        Assert.Empty(files.Where(f => StoreCast().IsMatch(File.ReadAllText(f))).Select(Path.GetFileName));
    }

    // `x is IPipelineStore`, `x as INotificationOutbox`, `(IDispatchQueue)x`: any of the contracts in Core/Storage.
    [GeneratedRegex(@"\b(is|as)\s+I\w*(Store|Queue|Outbox)\b|\(I\w*(Store|Queue|Outbox)\)\s*\w")]
    private static partial Regex StoreCast();


    private sealed class FirstRegisteredService : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
