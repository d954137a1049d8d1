using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Belfry.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Belfry.Server.Tests.Infrastructure;

/// <summary>
/// A target service built with the batch SDK (src/Belfry.AspNetCore) on real Kestrel (127.0.0.1, ephemeral port):
/// the server delivers to it over loopback and it verifies the server's tokens. It runs on the server's fake clock,
/// so tokens minted at the fake time are in date. Its discovery and JWKS fetches go to the in-process server through
/// its test handler (the factory's server has no socket); everything else is the SDK as a service uses it.
/// </summary>
public sealed class BatchTarget : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _directory;
    private readonly ConcurrentQueue<(string Path, int Code, string Status)> _replies = new();

    private BatchTarget(WebApplication app, string directory)
    {
        _app = app;
        _directory = directory;
    }

    public string BaseUrl { get; private set; } = "";

    /// <summary>Every answer the SDK gave, in order: path, HTTP status and the body's <c>status</c> field.</summary>
    public IReadOnlyList<(string Path, int Code, string Status)> Replies => [.. _replies];

    /// <summary>Starts the target; <paramref name="map"/> maps its batch endpoints.</summary>
    public static async Task<BatchTarget> StartAsync(BelfryServerFactory server, string issuer, string audience, Action<WebApplication> map)
    {
        var directory = Directory.CreateTempSubdirectory("belfry-sdk-target-").FullName;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(server.Time);
        builder.Services.ConfigureHttpClientDefaults(client => client.ConfigurePrimaryHttpMessageHandler(() => server.Server.CreateHandler()));
        builder.Services.AddBelfryBatch(options =>
        {
            options.Issuer = issuer;
            options.Audience = audience;
            options.UseSqliteLedger(Path.Combine(directory, "ledger.db"));
        });
        var app = builder.Build();
        var target = new BatchTarget(app, directory);
        app.Use(target.RecordAsync);
        map(app);
        await app.StartAsync();
        target.BaseUrl = app.Urls.Single();
        return target;
    }

    public string Url(string path) => BaseUrl + path;

    /// <summary>Keeps a copy of each answer's body, so tests can tell "succeeded" from "skipped".</summary>
    private async Task RecordAsync(HttpContext context, RequestDelegate next)
    {
        var original = context.Response.Body;
        using var copy = new MemoryStream();
        context.Response.Body = copy;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        copy.Position = 0;
        var text = new StreamReader(copy).ReadToEnd();
        var status = text.Length > 0 ? (string?)JsonNode.Parse(text)?["status"] ?? "" : "";
        _replies.Enqueue((context.Request.Path, context.Response.StatusCode, status));
        copy.Position = 0;
        await copy.CopyToAsync(original);
    }

    public async ValueTask DisposeAsync()
    {
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
