using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Belfry.EndToEnd.Tests.Infrastructure;
using Belfry.Testing.Postgres;

namespace Belfry.EndToEnd.Tests;

/// <summary><c>belfry serve --store</c> (BELFRY_STORE) on real processes: refusals in one line without the password, and two nodes sharing one database.</summary>
public sealed class ServeStoreTests : IDisposable
{
    private const string Password = "hunter2-not-to-be-seen";

    private readonly string _root = Directory.CreateTempSubdirectory("belfry-store-e2e-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("Host=127.0.0.1;Password=" + Password + ";Hots=x", "Npgsql connection string")]
    [InlineData("postgres://belfry:" + Password + "@127.0.0.1/belfry?sslrootkey=x", "sslrootkey")]
    public async Task Serve_StoreNotAConnectionString_RefusedInOneLineNamingThePartNotThePassword(string store, string named)
    {
        await using var server = ServerProcess.Start(_root, ServerProcess.FreePort(), new Dictionary<string, string> { ["BELFRY_STORE"] = store });

        var exitCode = await server.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Belfry:Store", server.Output, StringComparison.Ordinal);
        Assert.Contains(named, server.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, server.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_StoreUnreachable_RefusedInOneLineNamingWhereNotThePassword()
    {
        var port = ServerProcess.FreePort();
        await using var server = ServerProcess.Start(_root, ServerProcess.FreePort(),
            new Dictionary<string, string> { ["BELFRY_STORE"] = $"postgres://belfry:{Password}@127.0.0.1:{port}/belfry" });

        var exitCode = await server.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"postgresql://belfry@127.0.0.1:{port}/belfry", server.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, server.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_TwoNodesOnOneDatabase_AJobCreatedOnOneIsServedByTheOther()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
        var environment = new Dictionary<string, string> { ["BELFRY_STORE"] = database.ConnectionString };
        await using var first = await ServerProcess.StartReadyAsync(Path.Combine(_root, "a"), environment: environment);
        await using var second = await ServerProcess.StartReadyAsync(Path.Combine(_root, "b"), environment: environment);
        using var http = new HttpClient();
        const string jobs = "/v1/projects/p/locations/local/jobs";

        using var created = await http.PostAsJsonAsync(first.Endpoint + jobs, new JsonObject
        {
            ["name"] = "projects/p/locations/local/jobs/shared",
            ["schedule"] = "0 3 * * *",
            ["timeZone"] = "Asia/Tokyo",
            ["httpTarget"] = new JsonObject { ["uri"] = "http://127.0.0.1:9/x" },
        }, ct);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync(ct));

        var seen = JsonNode.Parse(await http.GetStringAsync(second.Endpoint + jobs + "/shared", ct))!;
        Assert.Equal("Asia/Tokyo", (string?)seen["timeZone"]);
        var firstKeys = JsonNode.Parse(await http.GetStringAsync(first.Endpoint + "/.well-known/jwks.json", ct))!["keys"]!.AsArray();
        var secondKeys = JsonNode.Parse(await http.GetStringAsync(second.Endpoint + "/.well-known/jwks.json", ct))!["keys"]!.AsArray();
        Assert.Equal(firstKeys.Select(k => (string?)k!["kid"]).Order(), secondKeys.Select(k => (string?)k!["kid"]).Order());
    }
}
