using System.Text.Json.Nodes;
using Belfry.Server.Tests.Infrastructure;
using Belfry.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Belfry.Server.Tests.Notifications;

/// <summary>
/// Webhook URLs and signing secrets, given every way (stored, <c>env:</c>, <c>file:</c>), never appear in an API
/// answer or a log line at any level, through create, list, get, patch, :test, bad input, deliveries, retries,
/// rate limits and giving up.
/// </summary>
public sealed class SecretRedactionTests : IAsyncLifetime
{
    private const string EnvToken = "ENVTOKEN-3c4d5e";
    private const string FileToken = "FILETOKEN-9a0b1c";
    private const string PatchedToken = "PATCHEDTOKEN-2f3a";
    private const string InvalidToken = "INVALIDTOKEN-4b5c";
    private const string EnvHmac = "hmac-ENVSECRET-5e6f";
    private const string StoredHmac = "hmac-STOREDSECRET-7a8b";
    private static readonly DateTimeOffset T = new(2027, 1, 1, 21, 0, 0, TimeSpan.Zero);
    private readonly BelfryServerFactory _server = new();
    private readonly List<string> _answers = [];
    private string _secretFile = null!;
    private RecordingTarget _target = null!;
    private DiscordReceiver _discord = null!;
    private ApiClient _api = null!;

    private static string[] Secrets => [DiscordReceiver.Token, EnvToken, FileToken, PatchedToken, InvalidToken, EnvHmac, StoredHmac];

    public async ValueTask InitializeAsync()
    {
        _target = await RecordingTarget.StartAsync();
        _target.Respond = (_, _) => Task.FromResult(500);
        _discord = await DiscordReceiver.StartAsync();
        _secretFile = Path.Combine(Directory.CreateDirectory(_server.SecretsDirectory).FullName, "slack-url");
        await File.WriteAllTextAsync(_secretFile, _discord.Target.Url($"/slack/{FileToken}\n"), TestContext.Current.CancellationToken);
        _server.Variables["BELFRY_SECRET_HOOK_URL"] = _discord.Target.Url($"/hooks/{EnvToken}");
        _server.Variables["BELFRY_SECRET_HOOK_SECRET"] = EnvHmac;
        _server.Settings["Belfry:Notifications:MaxAttempts"] = "2";
        _api = new ApiClient(_server.CreateClient());
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _target.DisposeAsync();
        await _discord.DisposeAsync();
    }

    private async Task<JsonNode> CallAsync(HttpMethod method, string path, string? json = null)
    {
        var (_, body) = await _api.SendAsync(method, path, json);
        _answers.Add(body.ToJsonString());
        return body;
    }

    [Fact]
    public async Task EveryAnswerAndLogLine_FreeOfSecrets()
    {
        var channels = _api.Parent + "/channels";
        await CallAsync(HttpMethod.Post, channels, $$"""{"name":"{{channels}}/stored","type":"DISCORD","webhookUrl":"{{_discord.WebhookUrl}}"}""");
        await CallAsync(HttpMethod.Post, channels, $$"""{"name":"{{channels}}/env-hook","type":"WEBHOOK","webhookUrl":"env:BELFRY_SECRET_HOOK_URL","secret":"env:BELFRY_SECRET_HOOK_SECRET"}""");
        await CallAsync(HttpMethod.Post, channels, $$"""{"name":"{{channels}}/stored-hmac","type":"WEBHOOK","webhookUrl":"env:BELFRY_SECRET_HOOK_URL","secret":"{{StoredHmac}}"}""");
        await CallAsync(HttpMethod.Post, channels, $$"""{"name":"{{channels}}/file-slack","type":"SLACK","webhookUrl":"file:{{_secretFile}}"}""");
        await CallAsync(HttpMethod.Post, channels, $$"""{"name":"{{channels}}/missing","type":"DISCORD","webhookUrl":"env:BELFRY_SECRET_NOT_SET_ANYWHERE"}""");
        await CallAsync(HttpMethod.Post, channels, $$"""{"name":"{{channels}}/bad","type":"DISCORD","webhookUrl":"ftp://hooks.test/{{InvalidToken}}"}""");
        await CallAsync(HttpMethod.Post, channels, $$"""{"name":"{{channels}}/bad2","type":"DISCORD","webhookUrl":"not a url {{InvalidToken}}"}""");
        await CallAsync(HttpMethod.Get, channels);
        foreach (var id in new[] { "stored", "env-hook", "stored-hmac", "file-slack", "missing" })
        {
            await CallAsync(HttpMethod.Get, $"{channels}/{id}");
            await CallAsync(HttpMethod.Post, $"{channels}/{id}:test", "{}");
        }

        _discord.Answer(DiscordReceiver.Status(500), DiscordReceiver.RateLimited(0.5));
        await CallAsync(HttpMethod.Post, $"{channels}/stored:test", "{}");
        await CallAsync(HttpMethod.Post, $"{channels}/stored:test", "{}");
        var patched = await CallAsync(HttpMethod.Patch, $"{channels}/stored?updateMask=webhookUrl", $$"""{"webhookUrl":"{{_discord.Target.Url("/api/webhooks/2/" + PatchedToken)}}"}""");
        Assert.Equal(true, (bool?)patched["webhookUrlSet"]);

        await CallAsync(HttpMethod.Post, _api.Parent + "/jobs", _api.Job("sync", _target.Url("/sync"),
            extra: """ "belfry":{"notifyOnFailure":["stored","env-hook","stored-hmac","file-slack","missing"]} """));
        await CallAsync(HttpMethod.Get, _api.JobName("sync"));
        _server.Time.SetUtcNow(T);
        await _server.DispatchAsync();
        _discord.Answer(DiscordReceiver.RateLimited(1), DiscordReceiver.Status(500), DiscordReceiver.Status(404));
        foreach (var seconds in new[] { 0, 2, 10, 20, 3600 })
        {
            _server.Time.SetUtcNow(T.AddSeconds(seconds));
            await _server.NotifyAsync();
        }

        Assert.True(_discord.Requests.Count >= 10, $"only {_discord.Requests.Count} requests");
        Assert.Contains(_server.Logs.Entries, e => e.EventId == 201); // delivered
        Assert.Contains(_server.Logs.Entries, e => e.EventId == 202); // retried
        Assert.Contains(_server.Logs.Entries, e => e.EventId == 203); // gave up
        Assert.Contains(_answers, a => a.Contains("NOT_SET_ANYWHERE", StringComparison.Ordinal));
        var logs = _server.Logs.AllText;

        // The capture sees IHttpClientFactory's request logging (a client the server does not configure logs its
        // requests), so the silence of the notification and dispatch clients is real, not an artefact of the test.
        using (var control = _server.Services.GetRequiredService<IHttpClientFactory>().CreateClient("control"))
        {
            using var answer = await control.GetAsync(new Uri(_target.Url("/control")), TestContext.Current.CancellationToken);
        }

        Assert.Contains(_server.Logs.Entries, e => e.Category.StartsWith("System.Net.Http.HttpClient.control", StringComparison.Ordinal));
        Assert.DoesNotContain(_server.Logs.Entries, e => e.Category.Contains("belfry-notify", StringComparison.Ordinal));
        Assert.DoesNotContain(_server.Logs.Entries, e => e.Category.Contains("belfry-dispatch", StringComparison.Ordinal));
        foreach (var secret in Secrets)
        {
            Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
            Assert.All(_answers, answer => Assert.DoesNotContain(secret, answer, StringComparison.Ordinal));
        }
    }
}
