using Npgsql;

namespace Belfry.Storage.Postgres.Tests;

/// <summary>The <c>--store</c> value: an Npgsql keyword string or a postgres:// URL, and errors that keep the password out.</summary>
public sealed class PostgresConnectionStringTests
{
    [Fact]
    public void Parse_KeywordString_TakenAsItIs()
    {
        var builder = PostgresConnectionString.Parse("Host=db;Username=belfry;Database=belfry;Port=6543");

        Assert.Equal("db", builder.Host);
        Assert.Equal("belfry", builder.Username);
        Assert.Equal("belfry", builder.Database);
        Assert.Equal(6543, builder.Port);
    }

    [Theory]
    [InlineData("postgres://belfry:s3cr%40t@db.internal:6543/scheduler", "db.internal", 6543, "belfry", "s3cr@t", "scheduler")]
    [InlineData("postgresql://db/belfry", "db", 5432, null, null, "belfry")]
    [InlineData("postgres://u@db", "db", 5432, "u", null, null)]
    [InlineData("postgres://u:p@[::1]:5433/d", "::1", 5433, "u", "p", "d")]
    public void Parse_Url_HostPortUserPasswordDatabase(string url, string host, int port, string? user, string? password, string? database)
    {
        var builder = PostgresConnectionString.Parse(url);

        Assert.Equal(host, builder.Host);
        Assert.Equal(port, builder.Port);
        Assert.Equal(user, builder.Username);
        Assert.Equal(password, builder.Password);
        Assert.Equal(database, builder.Database);
    }

    [Fact]
    public void Parse_UrlWithSeveralHostsAndQuery_EveryHostAndSetting()
    {
        var builder = PostgresConnectionString.Parse(
            "postgres://belfry@db1:5432,db2:5433/belfry?sslmode=verify-full&application_name=belfry%20node&connect_timeout=7&target_session_attrs=read-write");

        Assert.Equal("db1:5432,db2:5433", builder.Host);
        Assert.Equal(SslMode.VerifyFull, builder.SslMode);
        Assert.Equal("belfry node", builder.ApplicationName);
        Assert.Equal(7, builder.Timeout);
        Assert.Equal("read-write", builder.TargetSessionAttributes);
    }

    [Theory]
    [InlineData("postgres://u:hunter2@db/belfry?sslrootkey=x", "sslrootkey")]
    [InlineData("postgres://u:hunter2@db:99999/belfry", "port")]
    [InlineData("postgres://u:hunter2@db/belfry?sslmode=sometimes", "sslmode")]
    [InlineData("Host=db;Password=hunter2;Hots=x", "Npgsql connection string")]
    [InlineData("Username=u;Password=hunter2", "no host")]
    [InlineData("postgres://u:hunter2@/belfry", "no host")]
    public void Parse_Invalid_ErrorNamesThePartAndNotThePassword(string value, string named)
    {
        var error = Assert.Throws<ArgumentException>(() => PostgresConnectionString.Parse(value));

        Assert.Contains(named, error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("hunter2", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_WithPassword_ShowsWhereNotTheSecret()
    {
        var builder = PostgresConnectionString.Parse("postgres://belfry:hunter2@db:6543/scheduler");

        var described = PostgresConnectionString.Describe(builder);

        Assert.Equal("postgresql://belfry@db:6543/scheduler", described);
        Assert.DoesNotContain("hunter2", described, StringComparison.Ordinal);
    }
}
