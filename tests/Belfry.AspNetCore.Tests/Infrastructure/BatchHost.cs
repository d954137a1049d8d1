using Belfry.AspNetCore.Ledger;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Belfry.AspNetCore.Tests.Infrastructure;

/// <summary>
/// A target service using the SDK on real Kestrel (127.0.0.1, ephemeral port), with a <see cref="FakeTimeProvider"/>
/// far from the real date (2030) so that any use of the machine clock shows. The ledger is a SQLite file in a fresh
/// temporary directory unless the test's configure says otherwise.
/// </summary>
public sealed class BatchHost : IAsyncDisposable
{
    public const string Audience = "http://127.0.0.1:9000";
    public static readonly DateTimeOffset Start = new(2030, 5, 5, 12, 0, 0, TimeSpan.Zero);

    private readonly WebApplication _app;
    private readonly string _directory;

    private BatchHost(WebApplication app, string directory, FakeTimeProvider time)
    {
        _app = app;
        _directory = directory;
        Time = time;
    }

    public FakeTimeProvider Time { get; }

    /// <summary>The clock the SDK sees: <see cref="Time"/>, counting the timers armed on it.</summary>
    public WatchedTimeProvider Timers { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public string LedgerPath => Path.Combine(_directory, "ledger.db");

    internal IExecutionLedger Ledger => _app.Services.GetRequiredService<IExecutionLedger>();

    /// <param name="issuer">The token issuer the SDK trusts.</param>
    /// <param name="map">Maps the endpoints.</param>
    /// <param name="configure">Changes the SDK's options after the defaults (the SQLite ledger in the temporary directory).</param>
    /// <param name="services">Changes the services after the SDK registered its own: a test's ledger wrapper, say.</param>
    public static async Task<BatchHost> StartAsync(
        FakeIssuer issuer, Action<WebApplication> map, Action<BelfryBatchOptions>? configure = null, Action<IServiceCollection>? services = null)
    {
        var directory = Directory.CreateTempSubdirectory("belfry-sdk-").FullName;
        var time = new FakeTimeProvider(Start);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var watched = new WatchedTimeProvider(time);
        builder.Services.AddSingleton<TimeProvider>(watched);
        builder.Services.AddBelfryBatch(options =>
        {
            options.Issuer = issuer.Issuer;
            options.Audience = Audience;
            options.UseSqliteLedger(Path.Combine(directory, "ledger.db"));
            configure?.Invoke(options);
        });
        services?.Invoke(builder.Services);
        var app = builder.Build();
        map(app);
        var host = new BatchHost(app, directory, time) { Timers = watched };
        await app.StartAsync();
        host.Client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()), Timeout = TimeSpan.FromSeconds(60) };
        return host;
    }

    /// <summary>
    /// Every row of the SQLite ledger as "job_name run_key status", read from the file itself; empty when the table was
    /// never created (the ledger is created on first use, so a refusal that touched nothing leaves no table).
    /// </summary>
    public async Task<IReadOnlyList<string>> LedgerRowsAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={LedgerPath};Mode=ReadWriteCreate;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'job_executions'";
        if (await command.ExecuteScalarAsync() is null)
        {
            return [];
        }

        command.CommandText = "SELECT job_name || ' ' || run_key || ' ' || status FROM job_executions ORDER BY job_name, run_key";
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    /// <summary>POSTs to <paramref name="path"/> with an optional bearer token and extra headers.</summary>
    public async Task<BatchReply> PostAsync(string path, string? token = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent("{}") };
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return new BatchReply(response.StatusCode, body, response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>A token for <see cref="Audience"/> issued at the host's current fake time.</summary>
    public string Token(FakeIssuer issuer, IReadOnlyDictionary<string, object>? claims = null) =>
        issuer.Mint(Time.GetUtcNow(), Audience, claims);

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
