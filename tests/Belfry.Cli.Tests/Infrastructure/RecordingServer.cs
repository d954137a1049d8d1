using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Belfry.Cli.Tests.Infrastructure;

/// <summary>
/// A real loopback HTTP server (Kestrel on 127.0.0.1, a free port) that records every request and answers from a
/// responder, by default <c>200 {}</c>. Stands in for the Belfry server to check the CLI's HTTP shape.
/// </summary>
internal sealed class RecordingServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private RecordingServer(WebApplication app) => _app = app;

    public string Endpoint { get; private set; } = "";

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>(request) → (status code, JSON body).</summary>
    public Func<RecordedRequest, (int Status, string Body)> Responder { get; set; } = _ => (200, "{}");

    public static async Task<RecordingServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new RecordingServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync(TestContext.Current.CancellationToken);
        server.Endpoint = app.Urls.Single();
        return server;
    }

    /// <summary>Answers <paramref name="body"/> with <paramref name="status"/> to every request.</summary>
    public void AnswerAlways(int status, string body) => Responder = _ => (status, body);

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var request = new RecordedRequest(
            context.Request.Method,
            context.Request.Path.Value ?? "",
            Uri.UnescapeDataString(context.Request.QueryString.Value ?? ""),
            body,
            context.Request.Headers.Authorization.Count > 0 ? context.Request.Headers.Authorization.ToString() : null);
        _requests.Enqueue(request);
        var (status, answer) = Responder(request);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
