using Belfry.Server.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Belfry.Server.Tests.Hosting;

/// <summary>
/// docs/operations.md, "Backups": SQLite's own online backup of a running server's file (VACUUM INTO, or the backup
/// API behind <c>sqlite3 .backup</c>) is a whole store that a server opens, with the jobs and signing keys committed
/// before it, even those still only in the WAL (issue 15, point 8).
/// </summary>
public sealed class OnlineBackupTests : IAsyncLifetime
{
    private readonly BelfryServerFactory _server = new();
    private readonly string _backups = Directory.CreateTempSubdirectory("belfry-backup-").FullName;
    private ApiClient _api = null!;

    public ValueTask InitializeAsync()
    {
        _api = new ApiClient(_server.CreateClient());
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_backups, recursive: true);
    }

    [Theory]
    [InlineData("vacuum-into")]
    [InlineData("backup-api")]
    public async Task Backup_WhileTheServerRuns_AServerOpensItWithWhatWasCommittedBefore(string method)
    {
        Assert.Equal(200, (await _api.CreateAsync(_api.Job("before", "http://127.0.0.1:1/before"))).Status);
        var kids = await new TokenVerifier(_server.CreateClient(), _server.Time).PublishedKidsAsync();
        var backup = Path.Combine(_backups, "belfry.db");

        var database = Path.Combine(_server.DataDirectory, "belfry.db");
        Assert.True(new FileInfo(database + "-wal").Length > 0, "the latest commits are in the WAL, where a copy of belfry.db alone misses them");

        await BackUpAsync(database, backup, method);
        Assert.Equal(200, (await _api.CreateAsync(_api.Job("after", "http://127.0.0.1:1/after"))).Status);

        // Restore as the docs say: the backup alone becomes belfry.db of a data directory.
        var restoredDirectory = Path.Combine(_backups, "restored");
        Directory.CreateDirectory(restoredDirectory);
        File.Copy(backup, Path.Combine(restoredDirectory, "belfry.db"));
        await using var restored = new BelfryServerFactory(restoredDirectory);
        var (status, jobs) = await new ApiClient(restored.CreateClient()).ListAsync();

        Assert.Equal(200, status);
        Assert.Equal(["before"], jobs["jobs"]!.AsArray().Select(j => ((string)j!["name"]!).Split('/')[^1]));
        Assert.Equal(kids, await new TokenVerifier(restored.CreateClient(), restored.Time).PublishedKidsAsync());
    }

    private static async Task BackUpAsync(string database, string backup, string method)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var source = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await source.OpenAsync(ct);
        if (method == "vacuum-into")
        {
            await using var vacuum = source.CreateCommand();
            vacuum.CommandText = "VACUUM INTO $path";
            vacuum.Parameters.AddWithValue("$path", backup);
            await vacuum.ExecuteNonQueryAsync(ct);
        }
        else
        {
            await using var target = new SqliteConnection($"Data Source={backup};Pooling=False");
            await target.OpenAsync(ct);
            source.BackupDatabase(target);
        }
    }
}
