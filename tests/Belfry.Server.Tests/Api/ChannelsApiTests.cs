using System.Text.Json.Nodes;
using Belfry.Server.Tests.Infrastructure;

namespace Belfry.Server.Tests.Api;

/// <summary><c>/v1/projects/*/locations/*/channels</c>: CRUD, paging, redaction, :test, and the Cloud Scheduler error shape.</summary>
public sealed class ChannelsApiTests : IAsyncLifetime
{
    private readonly BelfryServerFactory _server = new();
    private DiscordReceiver _discord = null!;
    private ApiClient _api = null!;

    public async ValueTask InitializeAsync()
    {
        _discord = await DiscordReceiver.StartAsync();
        _api = new ApiClient(_server.CreateClient());
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _discord.DisposeAsync();
    }

    private string Channels => _api.Parent + "/channels";

    [Fact]
    public async Task Create_EnvReference_AnsweredAsGivenWithOutputFields()
    {
        var (status, channel) = await _api.CreateChannelAsync("ops", "DISCORD", "env:BELFRY_SECRET_DISCORD_WEBHOOK_URL", extra: "\"displayName\":\"Ops\"");

        Assert.Equal(200, status);
        var expected = JsonNode.Parse($$"""
            {"name":"{{Channels}}/ops","type":"DISCORD","displayName":"Ops","webhookUrl":"env:BELFRY_SECRET_DISCORD_WEBHOOK_URL","webhookUrlSet":true,
             "secretSet":false,"createTime":"2027-01-01T00:00:00Z","updateTime":"2027-01-01T00:00:00Z"}
            """);
        Assert.True(JsonNode.DeepEquals(expected, channel), channel.ToJsonString());
        var (_, got) = await _api.SendAsync(HttpMethod.Get, Channels + "/ops");
        Assert.True(JsonNode.DeepEquals(expected, got), got.ToJsonString());
    }

    [Fact]
    public async Task Create_StoredUrlAndSecret_NeverAnswered()
    {
        var (status, channel) = await _api.CreateChannelAsync("hook", "WEBHOOK", _discord.WebhookUrl, extra: "\"secret\":\"hmac-value-123\"");

        Assert.Equal(200, status);
        Assert.Null(channel["webhookUrl"]);
        Assert.Null(channel["secret"]);
        Assert.Equal((true, true), ((bool)channel["webhookUrlSet"]!, (bool)channel["secretSet"]!));
        var (_, list) = await _api.SendAsync(HttpMethod.Get, Channels);
        Assert.DoesNotContain(DiscordReceiver.Token, list.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("hmac-value-123", list.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_ByChannelIdQueryParameter()
    {
        var (status, channel) = await _api.SendAsync(HttpMethod.Post, Channels + "?channelId=team", """{"type":"SLACK","webhookUrl":"file:slack"}""");

        Assert.Equal(200, status);
        Assert.Equal((Channels + "/team", "file:slack"), ((string?)channel["name"], (string?)channel["webhookUrl"]));
    }

    [Theory]
    [InlineData("""{"type":"DISCORD","webhookUrl":"env:BELFRY_SECRET_X"}""", "name: required (or the channelId query parameter).")]
    [InlineData("""{"name":"N","webhookUrl":"env:BELFRY_SECRET_X"}""", "type: required: DISCORD, SLACK or WEBHOOK.")]
    [InlineData("""{"name":"N","type":"DISCORD"}""", "webhookUrl: required: env:NAME (a variable of the server's environment), file:PATH, or the URL itself.")]
    [InlineData("""{"name":"N","type":"DISCORD","webhookUrl":"env:1BAD"}""", "webhookUrl: \"env:1BAD\" is not a valid environment variable reference; expected env:NAME with letters, digits and underscores.")]
    [InlineData("""{"name":"N","type":"DISCORD","webhookUrl":"ftp://x/secret-part"}""", "webhookUrl: must be env:NAME, file:PATH, or an absolute http:// or https:// URL of at most 2083 characters.")]
    [InlineData("""{"name":"N","type":"DISCORD","webhookUrl":"env:BELFRY_SECRET_X","secret":"env:BELFRY_SECRET_Y"}""", "secret: only WEBHOOK channels sign their requests; Discord and Slack URLs carry their own token.")]
    [InlineData("""{"name":"N","type":"DISCORD","webhookUrl":"env:BELFRY_SECRET_X","colour":1}""", "Invalid JSON payload received. Unknown name \"colour\"")]
    public async Task Create_Invalid_InvalidArgumentNamingTheFieldNeverTheValue(string body, string message)
    {
        var (status, error) = await _api.SendAsync(HttpMethod.Post, Channels, body.Replace("\"N\"", $"\"{Channels}/bad\"", StringComparison.Ordinal));

        Assert.Equal((400, "INVALID_ARGUMENT"), (status, (string?)error["error"]!["status"]));
        Assert.StartsWith(message, (string?)error["error"]!["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_Twice_AlreadyExists()
    {
        await _api.CreateChannelAsync("ops", "DISCORD", "env:BELFRY_SECRET_X");

        var (status, error) = await _api.CreateChannelAsync("ops", "SLACK", "env:BELFRY_SECRET_Y");

        Assert.Equal((409, "ALREADY_EXISTS"), (status, (string?)error["error"]!["status"]));
    }

    [Fact]
    public async Task List_Paged()
    {
        foreach (var id in new[] { "c", "a", "b" })
        {
            await _api.CreateChannelAsync(id, "DISCORD", "env:BELFRY_SECRET_X");
        }

        var (_, first) = await _api.SendAsync(HttpMethod.Get, Channels + "?pageSize=2");
        var (_, second) = await _api.SendAsync(HttpMethod.Get, Channels + "?pageSize=2&pageToken=" + Uri.EscapeDataString((string)first["nextPageToken"]!));

        Assert.Equal(["a", "b"], first["channels"]!.AsArray().Select(c => ((string)c!["name"]!).Split('/')[^1]));
        Assert.Equal(["c"], second["channels"]!.AsArray().Select(c => ((string)c!["name"]!).Split('/')[^1]));
        Assert.Null(second["nextPageToken"]);
    }

    [Fact]
    public async Task Patch_WithMask_ChangesOnlyThoseFields()
    {
        await _api.CreateChannelAsync("hook", "WEBHOOK", "env:BELFRY_SECRET_HOOK_URL", extra: "\"secret\":\"env:BELFRY_SECRET_HOOK_SECRET\",\"displayName\":\"Hook\"");
        _server.Time.Advance(TimeSpan.FromMinutes(1));

        var (status, patched) = await _api.SendAsync(HttpMethod.Patch, Channels + "/hook?updateMask=webhook_url,secret", """{"webhookUrl":"file:hook"}""");

        Assert.Equal(200, status);
        Assert.Equal(("file:hook", "Hook", false, "2027-01-01T00:01:00Z"),
            ((string?)patched["webhookUrl"], (string?)patched["displayName"], (bool)patched["secretSet"]!, (string?)patched["updateTime"]));
        var (typeStatus, error) = await _api.SendAsync(HttpMethod.Patch, Channels + "/hook", """{"type":"SLACK"}""");
        Assert.Equal((400, "type: a channel's type cannot change; delete the channel and create it again."), (typeStatus, (string?)error["error"]!["message"]));
    }

    [Fact]
    public async Task Delete_ThenNotFound()
    {
        await _api.CreateChannelAsync("ops", "DISCORD", "env:BELFRY_SECRET_X");

        var (status, body) = await _api.SendAsync(HttpMethod.Delete, Channels + "/ops");
        var (again, error) = await _api.SendAsync(HttpMethod.Delete, Channels + "/ops");

        Assert.Equal((200, "{}"), (status, body.ToJsonString()));
        Assert.Equal((404, "NOT_FOUND", $"Channel {Channels}/ops not found."), (again, (string?)error["error"]!["status"], (string?)error["error"]!["message"]));
    }

    [Fact]
    public async Task Test_Delivered_SaysWhatTheReceiverAnswered()
    {
        _server.Variables["BELFRY_SECRET_DISCORD_WEBHOOK_URL"] = _discord.WebhookUrl;
        await _api.CreateChannelAsync("ops", "DISCORD", "env:BELFRY_SECRET_DISCORD_WEBHOOK_URL");

        var (status, result) = await _api.SendAsync(HttpMethod.Post, Channels + "/ops:test", "{}");

        Assert.Equal(200, status);
        Assert.Equal((true, 204), ((bool)result["delivered"]!, (int)result["statusCode"]!));
        var request = Assert.Single(_discord.Requests);
        Assert.Equal((string?)result["eventId"], request.Header("X-Belfry-Event-Id"));
        Assert.Equal(("Belfry test notification", 52292), ((string)_discord.Embed(0)["title"]!, (int)_discord.Embed(0)["color"]!));
    }

    [Fact]
    public async Task Test_ReceiverRefuses_NotDeliveredWithTheReason()
    {
        await _api.CreateChannelAsync("ops", "DISCORD", _discord.WebhookUrl);
        _discord.Answer(DiscordReceiver.Status(404));

        var (status, result) = await _api.SendAsync(HttpMethod.Post, Channels + "/ops:test", "{}");

        Assert.Equal(200, status);
        Assert.Equal((false, 404, "The receiver answered HTTP 404."), ((bool)result["delivered"]!, (int)result["statusCode"]!, (string?)result["error"]));
    }

    [Fact]
    public async Task Test_VariableMissingOnTheServer_FailedPrecondition()
    {
        await _api.CreateChannelAsync("ops", "DISCORD", "env:BELFRY_SECRET_DISCORD_WEBHOOK_URL");

        var (status, error) = await _api.SendAsync(HttpMethod.Post, Channels + "/ops:test", "{}");

        Assert.Equal((400, "FAILED_PRECONDITION", "The environment variable BELFRY_SECRET_DISCORD_WEBHOOK_URL is not set on the server."),
            (status, (string?)error["error"]!["status"], (string?)error["error"]!["message"]));
    }
}
