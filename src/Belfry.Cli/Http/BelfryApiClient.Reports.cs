using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Belfry.Core.Jobs;

namespace Belfry.Cli.Http;

/// <summary>Belfry's reads across a location's executions (issue 13): the success-rate report and the export.</summary>
internal sealed partial class BelfryApiClient
{
    /// <summary><c>GET …/jobs:report</c>: each job's runs, successes, rate, durations and last failure over the window.</summary>
    public Task<JsonNode> GetRunReportAsync(LocationName parent, int? days, string? timeZone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parent);
        var query = new List<string>();
        if (days is { } count)
        {
            query.Add($"days={count.ToString(CultureInfo.InvariantCulture)}");
        }

        if (!string.IsNullOrEmpty(timeZone))
        {
            query.Add($"timeZone={Uri.EscapeDataString(timeZone)}");
        }

        return GetAsync($"{Path(parent)}/jobs:report" + (query.Count == 0 ? "" : "?" + string.Join('&', query)), cancellationToken);
    }

    /// <summary>
    /// <c>GET …/executions:export</c>, copied to <paramref name="output"/> as it arrives, a buffer at a time: the CLI
    /// never holds the export, however long. A response the server cut off (a failed store read mid-way aborts it) is
    /// an error, so a short file is never taken for a whole one.
    /// </summary>
    public async Task ExportExecutionsAsync(
        LocationName parent, string since, string? until, string format, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(output);
        var uri = $"{Path(parent)}/executions:export?since={Uri.EscapeDataString(since)}&format={Uri.EscapeDataString(format)}" +
            (string.IsNullOrEmpty(until) ? "" : $"&until={Uri.EscapeDataString(until)}");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Endpoint, uri));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("*/*"));
        using var response = await SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw ToApiException(response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        }

        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024);
            var buffer = new char[32 * 1024];
            int read;
            while ((read = await reader.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }

            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw new BelfryApiException((int)response.StatusCode, "UNAVAILABLE", $"the export was cut off ({e.Message}); the output is incomplete.");
        }
    }
}
