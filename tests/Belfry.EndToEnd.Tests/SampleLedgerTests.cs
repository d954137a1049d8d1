using Belfry.AspNetCore;
using Belfry.AspNetCore.Ledger;
using SyncService;

namespace Belfry.EndToEnd.Tests;

/// <summary>
/// Issue 12, point 6: how the sample reads <c>ConnectionStrings__Ledger</c>. A bare path and a SQLite connection string
/// name a file, an Npgsql one names PostgreSQL, and anything else is refused with the setting's name and no value.
/// </summary>
public sealed class SampleLedgerTests
{
    private const string Secret = "s3cret-pw";
    private static readonly string DataDirectory = Path.Combine(Path.GetTempPath(), "belfry-sample-data");

    [Fact]
    public void Parse_Unset_LedgerDbInDataDirectory()
    {
        var ledger = SampleLedger.Parse(null, DataDirectory);

        Assert.Equal(Path.Combine(DataDirectory, "ledger.db"), ledger.SqlitePath);
        Assert.Null(ledger.PostgresConnectionString);
    }

    [Theory]
    [InlineData("/srv/sync/ledger.db", "/srv/sync/ledger.db")]
    [InlineData("  /srv/sync/ledger.db ", "/srv/sync/ledger.db")]
    [InlineData("Data Source=/srv/sync/ledger.db", "/srv/sync/ledger.db")]
    [InlineData("data source = /srv/sync/ledger.db;", "/srv/sync/ledger.db")]
    [InlineData("DataSource=/srv/sync/ledger.db", "/srv/sync/ledger.db")]
    [InlineData("Filename=/srv/sync/ledger.db", "/srv/sync/ledger.db")]
    [InlineData("Data Source=\"/srv/a;b/ledger.db\"", "/srv/a;b/ledger.db")]
    [InlineData("Data Source=\"/srv/a=b/ledger.db\"", "/srv/a=b/ledger.db")]
    public void Parse_SqlitePathOrConnectionString_SqliteAtThatFile(string configured, string expected)
    {
        var ledger = SampleLedger.Parse(configured, DataDirectory);

        Assert.Equal(expected, ledger.SqlitePath);
        Assert.Null(ledger.PostgresConnectionString);
    }

    [Theory]
    [InlineData("ledger.db")]
    [InlineData("Data Source=ledger.db")]
    public void Parse_RelativePath_ResolvedAgainstCurrentDirectory(string configured)
    {
        Assert.Equal(Path.Combine(Environment.CurrentDirectory, "ledger.db"), SampleLedger.Parse(configured, DataDirectory).SqlitePath);
    }

    [Theory]
    [InlineData("Host=db;Username=sync;Database=sync")]
    [InlineData("Server=db;Port=5433;User ID=sync;Password=" + Secret + ";Database=sync;SSL Mode=Require")]
    [InlineData("host=/tmp/pg-socket;port=5432;username=postgres;database=ledger;Timeout=30")]
    public void Parse_NpgsqlConnectionString_PostgresWithTheStringAsGiven(string configured)
    {
        var ledger = SampleLedger.Parse(configured, DataDirectory);

        Assert.Equal(configured, ledger.PostgresConnectionString);
        Assert.Null(ledger.SqlitePath);
        Assert.DoesNotContain(Secret, ledger.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("   ", "is empty")]
    [InlineData("postgres://sync:" + Secret + "@db:5432/sync", "postgres:// URL")]
    [InlineData("postgresql://sync:" + Secret + "@db/sync?sslmode=require", "postgres:// URL")]
    [InlineData("Host=db;Password=" + Secret + ";Bogus=1", "pair 3 has a keyword Npgsql does not know")]
    [InlineData("Host=db;Password=" + Secret + ";x=1;Database=sync", "pair 3 has a keyword Npgsql does not know")]
    [InlineData("Host=db;Port=" + Secret + ";Database=sync", "port has a value Npgsql cannot read")]
    [InlineData("Host=;Password=" + Secret, "names neither")]
    [InlineData("Host=\" \";Password=" + Secret, "Host is blank")]
    [InlineData("Host=db;Password='" + Secret, "not a well-formed connection string")]
    [InlineData("Username=sync;Password=" + Secret + ";Database=sync", "names neither")]
    [InlineData("/srv/a=b/ledger.db", "names neither")]
    [InlineData("Data Source=/srv/ledger.db;Host=db;Password=" + Secret, "names both")]
    [InlineData("Data Source=/srv/ledger.db;Password=" + Secret, "takes only Data Source")]
    [InlineData("Data Source=/srv/ledger.db;Mode=ReadOnly", "takes only Data Source")]
    [InlineData("Data Source=:memory:", "needs a file path")]
    [InlineData("Data Source=file:/srv/ledger.db?mode=ro", "needs a file path")]
    [InlineData("Data Source=", "or leaves it empty")]
    [InlineData("Data Source=\" \"", "needs a file path")]
    public void Parse_UnusableValue_FormatExceptionNamingTheSettingNeverTheValue(string configured, string problem)
    {
        var error = Assert.Throws<FormatException>(() => SampleLedger.Parse(configured, DataDirectory));

        Assert.StartsWith("ConnectionStrings__Ledger ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Use_Sqlite_SdkGetsTheFile()
    {
        var options = new BelfryBatchOptions();

        SampleLedger.Parse("Data Source=/srv/sync/ledger.db", DataDirectory).Use(options);

        Assert.Equal(new LedgerSettings(LedgerKind.Sqlite, "/srv/sync/ledger.db"), options.Ledger);
    }

    [Fact]
    public void Use_Postgres_SdkGetsTheConnectionString()
    {
        var options = new BelfryBatchOptions();

        SampleLedger.Parse("Host=db;Username=sync;Database=sync", DataDirectory).Use(options);

        Assert.Equal(new LedgerSettings(LedgerKind.Postgres, "Host=db;Username=sync;Database=sync"), options.Ledger);
    }
}
