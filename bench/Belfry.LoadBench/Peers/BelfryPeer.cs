using System.Globalization;
using Belfry.Contracts.Jobs;
using Belfry.Contracts.Serialization;
using Belfry.LoadBench.Sink;
using Belfry.Server.Hosting;
using Belfry.Server.Retention;
using Belfry.Storage.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Belfry.LoadBench.Peers;

/// <summary>
/// The real Belfry server (<see cref="BelfryApplication"/>, dispatcher, v1 API) hosted in-process on 127.0.0.1:0 with
/// its default dispatch settings: on the SQLite store in <paramref name="dataDirectory"/>, or, given
/// <paramref name="store"/>, as a node (<paramref name="nodeId"/>) on that PostgreSQL database, as
/// <c>belfry serve --store</c> runs it (<see cref="BelfryPostgresPeer"/>). Jobs are created through the HTTP API, as a
/// client would, eight requests at a time; only the log level is changed (Warning: Quartz and Hangfire log nothing
/// here either), and whatever a workload needs changed (<paramref name="settings"/>, e.g. <c>--Belfry:Retention:Interval=…</c>).
/// </summary>
internal sealed class BelfryPeer(
    string dataDirectory, Uri sink, string logLevel, string? store = null, string? nodeId = null, IReadOnlyList<string>? settings = null) : IPeer
{
    private const int CreateConcurrency = 8;
    private WebApplication? _app;
    private HttpClient? _api;

    /// <summary>The server's v1 API, once started.</summary>
    public HttpClient Api => _api ?? throw new InvalidOperationException("not started");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _app = BelfryApplication.Build(
        [
            $"--Belfry:DataDirectory={dataDirectory}",
            "--urls=http://127.0.0.1:0",
            $"--Logging:LogLevel:Default={logLevel}",
            .. store is null ? [] : new[] { $"--Belfry:Store={store}" },
            .. nodeId is null ? [] : new[] { $"--Belfry:Cluster:NodeId={nodeId}" },
            .. settings ?? [],
        ]);
        await _app.StartAsync(cancellationToken);
        _api = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
    }

    /// <summary>The server's <c>Belfry:Retention:ExecutionAge</c> (left at its default: retention on).</summary>
    public TimeSpan RetentionAge => Retention.ExecutionAge;

    /// <summary>The server's retention settings (<c>Belfry:Retention</c>), once started.</summary>
    public RetentionOptions Retention =>
        (_app ?? throw new InvalidOperationException("not started")).Services.GetRequiredService<IOptions<RetentionOptions>>().Value;

    /// <summary>
    /// The store's size on disk (SQLite's file plus its WAL, or PostgreSQL's <c>pg_database_size</c>), and the bytes its
    /// rows use: SQLite's pages in use, read from the latest snapshot (a WAL file keeps its size after a checkpoint, so
    /// the files grow in steps), or PostgreSQL's size again.
    /// </summary>
    public async Task<(long OnDisk, long Used)> DatabaseBytesAsync()
    {
        if (store is null)
        {
            return await SqliteFiles.SizeAsync(Path.Combine(dataDirectory, SqliteDatabase.FileName));
        }

        await using var connection = new NpgsqlConnection(store);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_database_size(current_database())", connection);
        var size = (long)(await command.ExecuteScalarAsync())!;
        return (size, size);
    }

    /// <summary>Stops the server and closes its store, releasing the data directory for a restart.</summary>
    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            await app.StopAsync();
            await app.DisposeAsync();
            _api?.Dispose();
            (_app, _api) = (null, null);
        }
    }

    public Task AddJobsAsync(IReadOnlyList<string> jobIds, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        var schedule = at is { } instant
            ? string.Create(CultureInfo.InvariantCulture, $"{instant.Second} {instant.Minute} {instant.Hour} {instant.Day} {instant.Month} *")
            : "* * * * * *";
        return CreateJobsAsync(jobIds, _ => (schedule, "Etc/UTC"), cancellationToken);
    }

    /// <summary>Creates one job per id through the API, each with the schedule and zone <paramref name="scheduleOf"/> gives it.</summary>
    public Task CreateJobsAsync(IReadOnlyList<string> jobIds, Func<int, (string Schedule, string TimeZone)> scheduleOf, CancellationToken cancellationToken)
    {
        var api = _api ?? throw new InvalidOperationException("not started");
        return Parallel.ForEachAsync(Enumerable.Range(0, jobIds.Count), new ParallelOptions { MaxDegreeOfParallelism = CreateConcurrency, CancellationToken = cancellationToken },
            async (index, ct) =>
            {
                var id = jobIds[index];
                var (schedule, timeZone) = scheduleOf(index);
                var job = new JobResource
                {
                    Name = $"projects/bench/locations/local/jobs/{id}",
                    Schedule = schedule,
                    TimeZone = timeZone,
                    HttpTarget = new HttpTargetResource
                    {
                        Uri = sink.ToString(),
                        HttpMethod = HttpMethodWire.Post,
                        Body = Convert.ToBase64String(SinkRequest.Body(id)),
                    },
                };
                using var response = await api.PostAsJsonAsync("/v1/projects/bench/locations/local/jobs", job, BelfryJsonContext.Default.JobResource, ct);
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"creating {id}: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
                }
            });
    }

    /// <summary>Pauses the jobs through the API (<c>:pause</c>), eight requests at a time.</summary>
    public Task PauseJobsAsync(IEnumerable<string> jobIds, CancellationToken cancellationToken)
    {
        var api = _api ?? throw new InvalidOperationException("not started");
        return Parallel.ForEachAsync(jobIds, new ParallelOptions { MaxDegreeOfParallelism = CreateConcurrency, CancellationToken = cancellationToken },
            async (id, ct) =>
            {
                using var body = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                using var response = await api.PostAsync($"/v1/projects/bench/locations/local/jobs/{id}:pause", body, ct);
                response.EnsureSuccessStatusCode();
            });
    }
}
