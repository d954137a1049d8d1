using System.Net.Http.Json;
using Belfry.Contracts.Executions;
using Belfry.Contracts.Jobs;
using Belfry.Contracts.Serialization;

namespace Belfry.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The v1 API over plain HTTP, for tests that make hundreds of calls (one CLI process per call would take minutes):
/// create and pause jobs, and read a job's executions, on any node.
/// </summary>
internal sealed class SchedulerApi : IDisposable
{
    public const string Parent = "projects/default/locations/local";

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public async Task CreateJobAsync(string endpoint, JobResource job, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync($"{endpoint}/v1/{Parent}/jobs", job, BelfryJsonContext.Default.JobResource, cancellationToken);
        await EnsureSuccessAsync(response, $"create {job.Name}", cancellationToken);
    }

    /// <summary>
    /// Pauses the job, at the first try: a pause is fenced on the job's definition version, which the nodes' plans do not
    /// raise, so a busy dispatcher cannot make it ABORTED.
    /// </summary>
    public async Task PauseJobAsync(string endpoint, string jobId, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync(
            $"{endpoint}/v1/{Parent}/jobs/{jobId}:pause", new JobActionRequest(), BelfryJsonContext.Default.JobActionRequest, cancellationToken);
        await EnsureSuccessAsync(response, $"pause {jobId}", cancellationToken);
    }

    /// <summary>Every execution of the job, all pages.</summary>
    public async Task<IReadOnlyList<ExecutionResource>> ListExecutionsAsync(string endpoint, string jobId, CancellationToken cancellationToken)
    {
        var executions = new List<ExecutionResource>();
        string? pageToken = null;
        do
        {
            var url = $"{endpoint}/v1/{Parent}/jobs/{jobId}/executions?pageSize=500" +
                (pageToken is null ? "" : "&pageToken=" + Uri.EscapeDataString(pageToken));
            using var response = await _http.GetAsync(url, cancellationToken);
            await EnsureSuccessAsync(response, $"list executions of {jobId}", cancellationToken);
            var page = await response.Content.ReadFromJsonAsync(BelfryJsonContext.Lenient.ListExecutionsResponse, cancellationToken)
                ?? throw new InvalidOperationException($"empty executions page for {jobId}");
            executions.AddRange(page.Executions);
            pageToken = page.NextPageToken;
        }
        while (!string.IsNullOrEmpty(pageToken));

        return executions;
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    public void Dispose() => _http.Dispose();
}
