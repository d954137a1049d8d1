using Belfry.Server.Dispatch;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Belfry.Server.Tests.Infrastructure;

/// <summary>
/// The real server in-process: a real SQLite file in a temp directory, a fake clock, and the dispatcher loop off,
/// so tests drive <see cref="Dispatcher.RunOnceAsync"/> themselves. Deliveries go over real loopback HTTP.
/// </summary>
public sealed class BelfryServerFactory : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset DefaultStart = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public BelfryServerFactory(string? dataDirectory = null, DateTimeOffset? start = null, string? issuer = null, string? adminToken = null)
    {
        DataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "belfry-tests", Guid.NewGuid().ToString("N"));
        Time = new FakeTimeProvider(start ?? DefaultStart);
        Issuer = issuer;
        AdminToken = adminToken;
    }

    public string DataDirectory { get; }

    /// <summary><c>Belfry:Issuer</c>; null leaves the default.</summary>
    public string? Issuer { get; }

    /// <summary><c>Belfry:AdminToken</c>; null runs the admin API open (loopback), whatever BELFRY_ADMIN_TOKEN says.</summary>
    public string? AdminToken { get; }

    public FakeTimeProvider Time { get; }

    internal Dispatcher Dispatcher => Services.GetRequiredService<Dispatcher>();

    /// <summary>One dispatcher cycle, then waits until every delivery it started is recorded.</summary>
    public async Task DispatchAsync()
    {
        await Dispatcher.RunOnceAsync(TestContext.Current.CancellationToken);
        await Dispatcher.WhenIdleAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Belfry:DataDirectory", DataDirectory);
        builder.UseSetting("Belfry:Dispatch:Enabled", "false");
        builder.UseSetting("Belfry:AdminToken", AdminToken ?? "");
        if (Issuer is not null)
        {
            builder.UseSetting("Belfry:Issuer", Issuer);
        }

        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Time));
    }
}
