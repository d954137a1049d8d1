using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Belfry.Testing;

/// <summary>
/// A real HTTP target on 127.0.0.1 or another loopback address (Kestrel, ephemeral port) that records every request and answers with what
/// the test says: a status per request, or a gate the request waits on.
/// </summary>
public sealed class RecordingTarget : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly SemaphoreSlim _arrivals = new(0);

    private RecordingTarget(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    /// <summary>Decides the answer to each request (the token fires when the caller gives up); default 200.</summary>
    public Func<RecordedRequest, CancellationToken, Task<int>> Respond { get; set; } = (_, _) => Task.FromResult(200);

    /// <summary>When set, decides the whole answer (status, body, headers) instead of <see cref="Respond"/>.</summary>
    public Func<RecordedRequest, CancellationToken, Task<TargetReply>>? Reply { get; set; }

    /// <param name="address">The address to bind: Linux routes all of 127.0.0.0/8 to loopback, so <c>127.0.0.2</c>
    /// is a second host for tests (egress policy).</param>
    public static async Task<RecordingTarget> StartAsync(string address = "127.0.0.1")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://{address}:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var target = new RecordingTarget(app);
        app.Run(target.HandleAsync);
        await app.StartAsync();
        target.BaseUrl = app.Urls.Single();
        return target;
    }

    public string Url(string path) => BaseUrl + path;

    /// <summary>Waits until <paramref name="count"/> requests in total have arrived.</summary>
    public async Task WaitForRequestsAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (_requests.Count < count)
        {
            await _arrivals.WaitAsync(timeout.Token);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = new RecordedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, headers, body.ToArray());
        _requests.Enqueue(request);
        _arrivals.Release();
        const string redirectPrefix = "/redirect-to/";
        if (request.Path.StartsWith(redirectPrefix, StringComparison.Ordinal))
        {
            context.Response.Redirect("/" + request.Path[redirectPrefix.Length..]);
            return;
        }

        try
        {
            if (Reply is { } reply)
            {
                var answer = await reply(request, context.RequestAborted);
                context.Response.StatusCode = answer.Status;
                foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>())
                {
                    context.Response.Headers[name] = value;
                }

                if (answer.Body is { } text)
                {
                    context.Response.ContentType = answer.ContentType ?? "application/json";
                    await context.Response.WriteAsync(text, context.RequestAborted);
                }
                else if (answer.Bytes is { } bytes)
                {
                    context.Response.ContentType = answer.ContentType ?? "application/octet-stream";
                    await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
                }

                return;
            }

            context.Response.StatusCode = await Respond(request, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _arrivals.Dispose();
    }
}
