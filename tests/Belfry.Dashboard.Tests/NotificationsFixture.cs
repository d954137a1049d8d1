using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Belfry.Dashboard.Tests.Infrastructure;
using Belfry.Testing;

namespace Belfry.Dashboard.Tests;

/// <summary>
/// A server whose notification relay and alert watcher run, without <c>Belfry:DashboardUrl</c>, and a real loopback
/// receiver for its generic-webhook channels: <c>ops</c> (answers 200) and <c>broken</c> (answers 500), both with their
/// URL stored inline, token included, and <c>ops</c> with a stored signing secret; an alert policy on <c>ops</c>; and a
/// job <c>flaky</c> whose target answers 500 and whose failures go to both channels.
/// </summary>
public sealed class NotificationsFixture : IAsyncLifetime
{
    public const string OpsToken = "ops-hook-token-7f3a9c";
    public const string BrokenToken = "broken-hook-token-4d1e82";
    public const string SigningSecret = "signing-secret-9b2c55";

    internal DashboardServer Server { get; private set; } = null!;

    internal Chromium Chromium { get; private set; } = null!;

    internal RecordingTarget Receiver { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Chromium = await Chromium.LaunchAsync();
        Receiver = await RecordingTarget.StartAsync();
        Receiver.Respond = (request, _) => Task.FromResult(request.Path.StartsWith("/broken/", StringComparison.Ordinal) ? 500 : 200);
        Server = await DashboardServer.StartAsync(notifications: true);
        await PostAsync("channels", new JsonObject
        {
            ["name"] = "projects/default/locations/local/channels/ops", ["type"] = "WEBHOOK", ["displayName"] = "Ops webhook",
            ["webhookUrl"] = Receiver.Url($"/hooks/{OpsToken}"), ["secret"] = SigningSecret,
        });
        await PostAsync("channels", new JsonObject
        {
            ["name"] = "projects/default/locations/local/channels/broken", ["type"] = "WEBHOOK", ["webhookUrl"] = Receiver.Url($"/broken/{BrokenToken}"),
        });
        await PostAsync("alertPolicies?alertPolicyId=scheduler-failures", new JsonObject
        {
            ["displayName"] = "Scheduler failures", ["failures"] = 1, ["window"] = "300s", ["channels"] = new JsonArray("ops"),
        });
        await PostAsync("jobs", new JsonObject
        {
            ["name"] = "projects/default/locations/local/jobs/flaky",
            ["schedule"] = "0 6 * * *",
            ["timeZone"] = "Asia/Tokyo",
            ["httpTarget"] = new JsonObject { ["uri"] = Server.Target.Url("/fail"), ["httpMethod"] = "POST" },
            ["belfry"] = new JsonObject { ["notifyOnFailure"] = new JsonArray("ops", "broken") },
        });
        await Server.RunToOutcomeAsync("flaky");
    }

    /// <summary>Waits until the receiver has a notification of <paramref name="type"/> (<c>X-Belfry-Event-Type</c>) on the ops channel and returns its body.</summary>
    internal async Task<JsonElement> OpsNotificationAsync(string type)
    {
        for (var seen = 1; ; seen++)
        {
            await Receiver.WaitForRequestsAsync(seen);
            if (Receiver.Requests.FirstOrDefault(r => r.Path.StartsWith("/hooks/", StringComparison.Ordinal) && r.Header("X-Belfry-Event-Type") == type) is { } request)
            {
                return JsonDocument.Parse(request.Body).RootElement.Clone();
            }
        }
    }

    private async Task PostAsync(string collection, JsonObject body)
    {
        using var response = await Server.Api.PostAsJsonAsync($"/v1/projects/default/locations/local/{collection}", body, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    public async ValueTask DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        if (Receiver is not null)
        {
            await Receiver.DisposeAsync();
        }

        if (Chromium is not null)
        {
            await Chromium.DisposeAsync();
        }
    }
}
