using Belfry.Contracts.Alerts;
using Belfry.Contracts.Channels;
using Belfry.Contracts.Jobs;
using Belfry.Contracts.Serialization;
using Belfry.LoadBench.Sink;

namespace Belfry.LoadBench.Runs;

/// <summary>The soak's calls to Belfry's v1 API, as a client makes them; a refused call throws with the answer.</summary>
internal sealed class SoakApi(HttpClient api, Uri sink)
{
    public const string Parent = "/v1/projects/bench/locations/local";
    public const string Channel = "projects/bench/locations/local/channels/hook";

    public async Task CreateChannelAndPolicyAsync()
    {
        var channel = new ChannelResource { Type = ChannelTypeWire.Webhook, WebhookUrl = new Uri(sink, "/soak/hook").ToString() };
        await SendAsync(HttpMethod.Post, $"{Parent}/channels?channelId=hook", JsonContent.Create(channel, BelfryJsonContext.Default.ChannelResource));
        var policy = new AlertPolicyResource { Failures = 1, Window = "60s", RateLimit = "60s", Channels = [Channel], Jobs = ["hang-*", "churn-*"] };
        await SendAsync(HttpMethod.Post, $"{Parent}/alertPolicies?alertPolicyId=failures", JsonContent.Create(policy, BelfryJsonContext.Default.AlertPolicyResource));
    }

    public Task CreateJobAsync(SoakKind kind, string jobId, string target) =>
        SendAsync(HttpMethod.Post, $"{Parent}/jobs", JsonContent.Create(Job(kind, jobId, target), BelfryJsonContext.Default.JobResource));

    public Task ActAsync(string jobId, string verb) =>
        SendAsync(HttpMethod.Post, $"{Parent}/jobs/{jobId}:{verb}", JsonContent.Create(new JobActionRequest(), BelfryJsonContext.Default.JobActionRequest));

    /// <summary>Points the job at another target and changes its description (a definition change: armed claims are withdrawn).</summary>
    public Task UpdateTargetAsync(SoakKind kind, string jobId, string target, int generation)
    {
        var job = Job(kind, jobId, target);
        job.Description = $"update {generation}";
        return SendAsync(HttpMethod.Patch, $"{Parent}/jobs/{jobId}?updateMask=httpTarget.uri,description",
            JsonContent.Create(job, BelfryJsonContext.Default.JobResource));
    }

    public Task DeleteJobAsync(string jobId) => SendAsync(HttpMethod.Delete, $"{Parent}/jobs/{jobId}", null);

    private JobResource Job(SoakKind kind, string jobId, string target) => new()
    {
        Name = $"projects/bench/locations/local/jobs/{jobId}",
        Schedule = $"*/{kind.PeriodSeconds} * * * * *",
        TimeZone = "Etc/UTC",
        AttemptDeadline = "15s",
        RetryConfig = new RetryConfigResource { RetryCount = kind.RetryCount, MinBackoffDuration = "1s", MaxBackoffDuration = "10s" },
        HttpTarget = new HttpTargetResource
        {
            Uri = new Uri(sink, "/soak/" + target).ToString(),
            HttpMethod = HttpMethodWire.Post,
            Body = Convert.ToBase64String(SinkRequest.Body(jobId)),
        },
        Belfry = kind.NotifyOnFailure ? new BelfrySettingsResource { NotifyOnFailure = [Channel] } : null,
    };

    private async Task SendAsync(HttpMethod method, string path, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await api.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path}: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
