using System.Diagnostics;
using System.Text.Json.Nodes;
using Belfry.Core.Notifications;
using Belfry.Core.Storage;
using Belfry.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Belfry.Server.Tests.Api;

/// <summary>
/// Issue 10, M9: <c>file:</c> and <c>env:</c> references reach only the secrets directory and the
/// <c>BELFRY_SECRET_</c> variables; refused at create/update (400 naming the field, store unchanged) and again when
/// resolved; a device, a FIFO or a link out answers at once with one message that does not tell what exists.
/// </summary>
public sealed class SecretReferenceTests : IAsyncLifetime
{
    private const string UnreadableMessage =
        "cannot be read on the server: it must be a readable, non-empty regular file of at most 4096 bytes in the secrets directory.";

    private readonly BelfryServerFactory _server = new();
    private readonly string _outside = Directory.CreateTempSubdirectory("belfry-outside-").FullName;
    private DiscordReceiver _discord = null!;
    private ApiClient _api = null!;

    public async ValueTask InitializeAsync()
    {
        _discord = await DiscordReceiver.StartAsync();
        _api = new ApiClient(_server.CreateClient());
        Directory.CreateDirectory(_server.SecretsDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _discord.DisposeAsync();
        Directory.Delete(_outside, recursive: true);
    }

    private string Channels => _api.Parent + "/channels";

    private async Task<string> SnapshotAsync() => (await _api.SendAsync(HttpMethod.Get, Channels)).Body.ToJsonString();

    [Theory]
    [InlineData("""{"type":"DISCORD","webhookUrl":"file:/dev/zero"}""", "webhookUrl")]
    [InlineData("""{"type":"DISCORD","webhookUrl":"file:/etc/passwd"}""", "webhookUrl")]
    [InlineData("""{"type":"DISCORD","webhookUrl":"file:../belfry.db"}""", "webhookUrl")]
    [InlineData("""{"type":"DISCORD","webhookUrl":"file:a/../../belfry.db"}""", "webhookUrl")]
    [InlineData("""{"type":"DISCORD","webhookUrl":"env:BELFRY_ADMIN_TOKEN"}""", "webhookUrl")]
    [InlineData("""{"type":"DISCORD","webhookUrl":"env:HOME"}""", "webhookUrl")]
    [InlineData("""{"type":"WEBHOOK","webhookUrl":"env:BELFRY_SECRET_URL","secret":"env:BELFRY_ADMIN_TOKEN"}""", "secret")]
    [InlineData("""{"type":"WEBHOOK","webhookUrl":"env:BELFRY_SECRET_URL","secret":"file:/proc/self/environ"}""", "secret")]
    public async Task Create_ReferenceOutsideTheScope_InvalidArgumentNamingFieldAndStoreUnchanged(string json, string field)
    {
        var before = await SnapshotAsync();

        var (status, body) = await _api.SendAsync(HttpMethod.Post, Channels + "?channelId=out", json);

        Assert.Equal((400, "INVALID_ARGUMENT"), (status, (string?)body["error"]!["status"]));
        Assert.StartsWith(field + ": ", (string?)body["error"]!["message"], StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Patch_ReferenceOutsideTheScope_InvalidArgumentAndChannelUnchanged()
    {
        await _api.CreateChannelAsync("hook", "WEBHOOK", "env:BELFRY_SECRET_URL", extra: "\"secret\":\"env:BELFRY_SECRET_HMAC\"");
        var before = await SnapshotAsync();

        var (status, body) = await _api.SendAsync(HttpMethod.Patch, Channels + "/hook?updateMask=secret", """{"secret":"env:BELFRY_ADMIN_TOKEN"}""");

        Assert.Equal(400, status);
        Assert.StartsWith("secret: \"env:BELFRY_ADMIN_TOKEN\" cannot be used", (string?)body["error"]!["message"], StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Test_LinkToDevZero_FailedPreconditionWithinOneSecondAndBoundedMemory()
    {
        File.CreateSymbolicLink(Path.Combine(_server.SecretsDirectory, "zero"), "/dev/zero");

        var (status, message, allocated) = await CreateAndTestAsync("zero");

        Assert.Equal((400, "file:zero " + UnreadableMessage), (status, message));
        // Process-wide, so other test classes running in parallel count too: the bound is loose on purpose. Reading
        // /dev/zero without a limit allocates gigabytes before failing; the exact per-call bound (under 1 MB on the
        // reading thread) is SecretResolverTests' job.
        Assert.InRange(allocated, 0, 512L << 20);
    }

    [Fact]
    public async Task Test_Fifo_FailedPreconditionWithinOneSecond()
    {
        await MakeFifoAsync(Path.Combine(_server.SecretsDirectory, "pipe"));

        var (status, message, _) = await CreateAndTestAsync("pipe");

        Assert.Equal((400, "file:pipe " + UnreadableMessage), (status, message));
    }

    [Fact]
    public async Task Test_MissingLinkOutDirectoryAndTooBig_OneMessage()
    {
        var outsideFile = Path.Combine(_outside, "hook.url");
        await File.WriteAllTextAsync(outsideFile, _discord.WebhookUrl, TestContext.Current.CancellationToken);
        File.CreateSymbolicLink(Path.Combine(_server.SecretsDirectory, "out"), outsideFile);
        File.CreateSymbolicLink(Path.Combine(_server.SecretsDirectory, "out-dir"), _outside);
        Directory.CreateDirectory(Path.Combine(_server.SecretsDirectory, "dir"));
        await File.WriteAllTextAsync(Path.Combine(_server.SecretsDirectory, "big"), _discord.WebhookUrl + new string(' ', 4096), TestContext.Current.CancellationToken);

        foreach (var name in new[] { "missing", "out", "out-dir/hook.url", "dir", "big" })
        {
            var (status, message, _) = await CreateAndTestAsync(name);

            Assert.Equal((400, $"file:{name} {UnreadableMessage}"), (status, message));
        }

        Assert.Empty(_discord.Requests);
    }

    [Fact]
    public async Task Test_LinkWithinTheDirectory_Sends()
    {
        // Kubernetes' layout: key → ..data/key → ..2027_01_01/key, all inside the mounted directory.
        var version = Directory.CreateDirectory(Path.Combine(_server.SecretsDirectory, "..2027_01_01")).FullName;
        await File.WriteAllTextAsync(Path.Combine(version, "hook"), _discord.WebhookUrl + "\n", TestContext.Current.CancellationToken);
        Directory.CreateSymbolicLink(Path.Combine(_server.SecretsDirectory, "..data"), "..2027_01_01");
        File.CreateSymbolicLink(Path.Combine(_server.SecretsDirectory, "hook"), "..data/hook");

        var (status, _, _) = await CreateAndTestAsync("hook");

        Assert.Equal(200, status);
        Assert.Single(_discord.Requests);
    }

    [Fact]
    public async Task Test_StoredReferenceOutsideTheScope_RefusedWhenResolved()
    {
        // As if saved under other settings: the store holds what the API now refuses.
        _server.Variables["BELFRY_ADMIN_TOKEN"] = "admin-token-value";
        var store = _server.Services.GetRequiredService<IChannelStore>();
        Assert.True(ChannelName.TryParse($"{Channels}/old", out var name));
        await store.CreateChannelAsync(new Channel
        {
            Name = name,
            Kind = ChannelKind.Webhook,
            WebhookUrl = new ChannelSecret(SecretSource.Stored, _discord.WebhookUrl),
            SigningSecret = new ChannelSecret(SecretSource.Environment, "BELFRY_ADMIN_TOKEN"),
        }, TestContext.Current.CancellationToken);

        var (status, body) = await _api.SendAsync(HttpMethod.Post, Channels + "/old:test", "{}");

        Assert.Equal((400, "FAILED_PRECONDITION"), (status, (string?)body["error"]!["status"]));
        Assert.StartsWith("\"env:BELFRY_ADMIN_TOKEN\" cannot be used", (string?)body["error"]!["message"], StringComparison.Ordinal);
        Assert.DoesNotContain("admin-token-value", body.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(_discord.Requests);
    }

    /// <summary>Creates a Discord channel reading <c>file:NAME</c>, then <c>:test</c>s it within 1 s.</summary>
    private async Task<(int Status, string? Message, long Allocated)> CreateAndTestAsync(string name)
    {
        var id = "c" + Guid.NewGuid().ToString("N")[..8];
        var (created, _) = await _api.CreateChannelAsync(id, "DISCORD", "file:" + name);
        Assert.Equal(200, created);
        using var client = _server.CreateClient();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(1));
        var before = GC.GetTotalAllocatedBytes(precise: true);
        using var response = await client.PostAsync(new Uri($"/v1/{Channels}/{id}:test", UriKind.Relative), new StringContent("{}", System.Text.Encoding.UTF8, "application/json"), deadline.Token);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(deadline.Token))!;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        return ((int)response.StatusCode, (string?)body["error"]?["message"], allocated);
    }

    private static async Task MakeFifoAsync(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        await mkfifo.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, mkfifo.ExitCode);
    }
}
