using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Belfry.Server.Hosting;
using Belfry.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Belfry.Dashboard.Tests.Infrastructure;

/// <summary>
/// A real Belfry server on 127.0.0.1 (port 0) with a real SQLite file, its dispatcher on, an admin token, and a real
/// loopback target its jobs deliver to: <c>/ok</c> answers 200, <c>/fail</c> 500.
/// </summary>
internal sealed class DashboardServer : IAsyncDisposable
{
    public const string AdminToken = "dashboard-test-token";

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("belfry-dash-").FullName;
    private WebApplication _app = null!;

    public RecordingTarget Target { get; private set; } = null!;

    public string Endpoint { get; private set; } = "";

    /// <summary>The REST API, with the admin token.</summary>
    public HttpClient Api { get; private set; } = null!;

    /// <param name="openOnLoopback">False stands for a browser beyond loopback: every page then needs the sign-in.</param>
    /// <param name="notifications">True runs the notification relay and the alert watcher (every second), as a real server does.</param>
    /// <param name="settings">More command-line settings, applied last (<c>--Belfry:Store=…</c> for a shared PostgreSQL).</param>
    public static async Task<DashboardServer> StartAsync(bool openOnLoopback = true, bool notifications = false, IReadOnlyList<string>? settings = null)
    {
        var server = new DashboardServer();
        server.Target = await RecordingTarget.StartAsync();
        server.Target.Respond = (request, _) => Task.FromResult(request.Path.StartsWith("/fail", StringComparison.Ordinal) ? 500 : 200);
        server._app = BelfryApplication.Build(
            [
                $"--Belfry:DataDirectory={server._dataDirectory}", "--urls=http://127.0.0.1:0", $"--Belfry:AdminToken={AdminToken}",
                $"--Belfry:Notifications:Enabled={notifications}", $"--Belfry:Alerts:Enabled={notifications}",
                "--Belfry:Notifications:PollInterval=00:00:00.2", "--Belfry:Alerts:Interval=00:00:01",
                $"--Belfry:Dashboard:OpenOnLoopback={openOnLoopback}",
                .. settings ?? [],
            ],
            builder => builder.Logging.ClearProviders());
        await server._app.StartAsync(TestContext.Current.CancellationToken);
        server.Endpoint = server._app.Urls.Single();
        server.Api = new HttpClient { BaseAddress = new Uri(server.Endpoint) };
        server.Api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        return server;
    }

    public static string JobPath(string jobId, string location = "local") => $"/v1/projects/default/locations/{location}/jobs/{jobId}";

    /// <summary>Creates a job through the API; <paramref name="path"/> is the target's path (<c>/ok</c>, <c>/fail</c>).</summary>
    public async Task CreateJobAsync(string jobId, string path = "/ok", string schedule = "30 2 * * *", string zone = "America/New_York", string location = "local")
    {
        var job = new JsonObject
        {
            ["name"] = $"projects/default/locations/{location}/jobs/{jobId}",
            ["schedule"] = schedule,
            ["timeZone"] = zone,
            ["httpTarget"] = new JsonObject { ["uri"] = Target.Url(path), ["httpMethod"] = "POST" },
        };
        using var response = await Api.PostAsJsonAsync($"/v1/projects/default/locations/{location}/jobs", job, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async Task<JsonElement> GetJobAsync(string jobId)
    {
        using var response = await Api.GetAsync(JobPath(jobId), TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
    }

    public async Task<string> StateAsync(string jobId) => (await GetJobAsync(jobId)).GetProperty("state").GetString()!;

    public async Task<JsonElement[]> ExecutionsAsync(string jobId)
    {
        using var response = await Api.GetAsync(JobPath(jobId) + "/executions", TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return body.TryGetProperty("executions", out var list) ? [.. list.EnumerateArray()] : [];
    }

    /// <summary>Runs the job through the API and waits until its execution has a final state there.</summary>
    public async Task RunToOutcomeAsync(string jobId)
    {
        var before = (await ExecutionsAsync(jobId)).Length;
        using var response = await Api.PostAsync(JobPath(jobId) + ":run", null, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        await WaitForFinalExecutionsAsync(jobId, before + 1);
    }

    /// <summary>Waits until the API lists <paramref name="count"/> executions of the job, all final (the recorder's commit is not observable otherwise).</summary>
    public async Task WaitForFinalExecutionsAsync(string jobId, int count)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            var executions = await ExecutionsAsync(jobId);
            if (executions.Length >= count && executions.All(e => e.GetProperty("state").GetString() is "SUCCEEDED" or "FAILED"))
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Api?.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Target.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
