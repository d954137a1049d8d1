using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Belfry.Core.Executions;
using Belfry.Core.Jobs;
using Belfry.Core.Scheduling;
using Belfry.Core.Storage;
using Belfry.Notifications.Delivery;
using Belfry.Server.Identity;

namespace Belfry.Server.Dispatch;

/// <summary>
/// Sends one attempt: the job's method, headers and body, then the scheduler's headers (docs/semantics.md,
/// "Headers sent"), with <c>Authorization: Bearer</c> and a token minted for this attempt when the job has an
/// <c>oidcToken</c>, within the attempt deadline. Success is a 2xx after redirects (followed by <see cref="Redirects"/>); anything else is a failure,
/// and a failed answer keeps the start of its body (<see cref="FailedAnswer"/>).
/// </summary>
internal sealed class AttemptSender(IHttpClientFactory clients, IdTokenMinter tokens, TimeProvider time)
{
    // One client for every delivery: its handler lives for the process (SetHandlerLifetime) and rotates its own
    // connections (PooledConnectionLifetime), so creating a client per request would only add garbage.
    private readonly HttpClient _client = clients.CreateClient(ClientName);

    // Parsed target URIs: a job sends to the same one every time, and parsing it was a visible share of a
    // delivery's garbage. Uri is immutable, so one instance serves every request. Bounded by clearing.
    private readonly ConcurrentDictionary<string, Uri> _uris = new(StringComparer.Ordinal);

    public const string ClientName = "belfry-dispatch";
    private const int MaxDrainedBytes = 64 * 1024;
    private const int MaxCachedUris = 50_000;

    // span: the attempt's (AttemptTracing), whose context is sent as traceparent; null sends none.
    public async Task<AttemptOutcome> SendAsync(ClaimedAttempt claim, Activity? span, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var job = claim.Job;
        var start = time.GetUtcNow();
        var started = time.GetTimestamp();
        using var deadline = new CancellationTokenSource(job.AttemptDeadline, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        try
        {
            var (request, token) = await BuildRequestAsync(claim, linked.Token).ConfigureAwait(false);
            AttemptTracing.Inject(span, request);
            try
            {
                for (var redirects = 0; ; redirects++)
                {
                    using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
                    var location = redirects < Redirects.MaxRedirects ? Redirects.Location(request.RequestUri!, response) : null;
                    var status = (int)response.StatusCode;
                    if (location is null && status is < 200 or >= 300)
                    {
                        return await FailedAsync(response, status, token, job, start, started, linked.Token, cancellationToken).ConfigureAwait(false);
                    }

                    await DrainAsync(response, linked.Token).ConfigureAwait(false);
                    if (location is null)
                    {
                        return new AttemptOutcome(start, time.GetElapsedTime(started), status, null);
                    }

                    var next = Redirects.Follow(request, location, status, job.HttpTarget.Body);
                    request.Dispose();
                    request = next;
                }
            }
            finally
            {
                request.Dispose();
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new AttemptOutcome(start, time.GetElapsedTime(started), null, $"deadline exceeded: no answer within attemptDeadline {job.AttemptDeadline.TotalSeconds:0.###}s");
        }
        catch (HttpRequestException e)
        {
            // A category only (no OS text, host or port): stored errors must not make Belfry a port scanner (issue 10).
            return new AttemptOutcome(start, time.GetElapsedTime(started), null, ConnectionFailure.Describe(e));
        }
    }

    /// <summary>
    /// A failed answer: the start of its body is kept, redacted, for the status message and the attempt's excerpt
    /// (<see cref="FailedAnswer"/>). Only failures read a body; a success is drained unread, as before.
    /// </summary>
    private async Task<AttemptOutcome> FailedAsync(
        HttpResponseMessage response, int status, string? token, Job job, DateTimeOffset start, long started,
        CancellationToken deadline, CancellationToken stopping)
    {
        var body = await FailedBodyReader.ReadAsync(response, MaxDrainedBytes, deadline, stopping).ConfigureAwait(false);
        var duration = time.GetElapsedTime(started);
        var (excerpt, message) = FailedAnswer.Describe(status, response.Content.Headers.ContentType, body, token, job.HttpTarget.Headers);
        return new AttemptOutcome(start, duration, status, null, excerpt, message);
    }

    // The token minted for this attempt goes back with the request, so an answer that echoes it can be redacted.
    private async Task<(HttpRequestMessage Request, string? Token)> BuildRequestAsync(ClaimedAttempt claim, CancellationToken cancellationToken)
    {
        var job = claim.Job;
        var target = job.HttpTarget;
        var request = new HttpRequestMessage(ToHttpMethod(target.HttpMethod), ParsedUri(target.Uri));
        if (!target.Body.IsEmpty)
        {
            request.Content = new ReadOnlyMemoryContent(target.Body);
        }

        foreach (var (key, value) in target.Headers)
        {
            if (!request.Headers.TryAddWithoutValidation(key, value))
            {
                request.Content ??= new ReadOnlyMemoryContent(ReadOnlyMemory<byte>.Empty);
                request.Content.Headers.TryAddWithoutValidation(key, value);
            }
        }

        // Cloud Scheduler's default for a body without a Content-Type.
        if (request.Content is { } content && content.Headers.ContentType is null && !target.Body.IsEmpty)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", "application/octet-stream");
        }

        var zone = TimeZones.Find(job.TimeZone);
        var execution = claim.Execution;
        request.Headers.TryAddWithoutValidation("User-Agent", "Google-Cloud-Scheduler");
        request.Headers.TryAddWithoutValidation("X-CloudScheduler", "true");
        request.Headers.TryAddWithoutValidation("X-CloudScheduler-JobName", job.Name.JobId);
        request.Headers.TryAddWithoutValidation("X-CloudScheduler-ScheduleTime", ScheduleTimeFormat.Format(execution.ScheduleTime, zone));
        request.Headers.TryAddWithoutValidation("X-Belfry-Execution", execution.Id);
        request.Headers.TryAddWithoutValidation("X-Belfry-Attempt", claim.AttemptNumber.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("X-Belfry-Epoch", claim.Epoch.ToString(CultureInfo.InvariantCulture));
        if (execution.Trigger == ExecutionTrigger.Manual)
        {
            request.Headers.TryAddWithoutValidation("X-Belfry-Trigger", "manual");
        }

        // A pipeline step (docs/pipelines.md): its job id is {pipeline}-{step}, so X-CloudScheduler-JobName is that.
        if (claim.Step is { } step)
        {
            request.Headers.TryAddWithoutValidation("X-Belfry-Pipeline", step.Pipeline.PipelineId);
            request.Headers.TryAddWithoutValidation("X-Belfry-Pipeline-Run", step.RunId);
            request.Headers.TryAddWithoutValidation("X-Belfry-Step", step.StepId);
        }

        if (target.OidcToken is null)
        {
            return (request, null);
        }

        // Minted per attempt: the attempt number and epoch are signed claims. Never logged.
        try
        {
            var token = await tokens.MintForAttemptAsync(claim, zone, cancellationToken).ConfigureAwait(false);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return (request, token);
        }
        catch
        {
            request.Dispose();
            throw;
        }
    }

    private Uri ParsedUri(string uri)
    {
        if (_uris.TryGetValue(uri, out var parsed))
        {
            return parsed;
        }

        if (_uris.Count >= MaxCachedUris)
        {
            _uris.Clear();
        }

        return _uris[uri] = new Uri(uri, UriKind.Absolute);
    }

    private static async Task DrainAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        // Reading a small body lets the pooled connection be reused; a large one is cut off.
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = ArrayPool<byte>.Shared.Rent(8192);
            try
            {
                var total = 0;
                int read;
                while (total < MaxDrainedBytes && (read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    total += read;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private static HttpMethod ToHttpMethod(HttpMethodKind method) => method switch
    {
        HttpMethodKind.Get => HttpMethod.Get,
        HttpMethodKind.Head => HttpMethod.Head,
        HttpMethodKind.Put => HttpMethod.Put,
        HttpMethodKind.Delete => HttpMethod.Delete,
        HttpMethodKind.Patch => HttpMethod.Patch,
        HttpMethodKind.Options => HttpMethod.Options,
        _ => HttpMethod.Post,
    };
}
