using Belfry.Server.Hosting;

namespace Belfry.Server.Tests.Hosting;

/// <summary>What the start-up line says of the store: the data directory, or the PostgreSQL database without its password.</summary>
public sealed class StartupBannerTests
{
    [Theory]
    [InlineData("Host=db.internal;Port=6432;Username=belfry;Password=hunter2-secret;Database=scheduler")]
    [InlineData("postgres://belfry:hunter2-secret@db.internal:6432/scheduler?sslmode=require")]
    public void Store_PostgresWithPassword_UserHostPortDatabaseOnly(string store)
    {
        var text = StartupBanner.Store(new ServerOptions { Store = store });

        Assert.Equal("PostgreSQL at postgresql://belfry@db.internal:6432/scheduler", text);
    }

    [Fact]
    public void Store_Sqlite_FullDataDirectory()
    {
        var text = StartupBanner.Store(new ServerOptions { DataDirectory = "data/.belfry" });

        Assert.Equal($"SQLite in the data directory {Path.GetFullPath("data/.belfry")}", text);
    }
}
