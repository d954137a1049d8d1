using System.Text.Json.Nodes;
using Belfry.Cli.Tests.Infrastructure;

namespace Belfry.Cli.Tests.Nodes;

/// <summary><c>belfry nodes list</c>: the request and the table against a recording server, and end to end against a real one.</summary>
public sealed class NodesCommandTests
{
    [Fact]
    public async Task List_GetsNodesAndPrintsATable()
    {
        await using var server = await RecordingServer.StartAsync();
        server.AnswerAlways(200, """
            {"nodes":[
              {"id":"node-a","address":"http://10.0.0.1:8085","version":"1.0.0","startTime":"2027-01-01T00:00:00Z",
               "heartbeatTime":"2027-01-01T00:10:00Z","executionsInFlight":3,"clockOffset":"-0.002s","state":"ACTIVE"},
              {"id":"node-b","address":"http://10.0.0.2:8085","version":"1.0.0","startTime":"2027-01-01T00:00:00Z",
               "heartbeatTime":"2027-01-01T00:09:00Z","executionsInFlight":0,"clockOffset":"0s","state":"GONE","reason":"no heartbeat for 60s"}]}
            """);

        var run = await CliHarness.RunAsync(server, "nodes", "list");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(("GET", "/v1/nodes"), (Assert.Single(server.Requests).Method, server.Requests[0].Path));
        Assert.Equal("""
            ID      STATE   ADDRESS               VERSION  STARTED               LAST_HEARTBEAT        IN_FLIGHT  CLOCK_OFFSET  REASON
            node-a  ACTIVE  http://10.0.0.1:8085  1.0.0    2027-01-01T00:00:00Z  2027-01-01T00:10:00Z  3          -0.002s
            node-b  GONE    http://10.0.0.2:8085  1.0.0    2027-01-01T00:00:00Z  2027-01-01T00:09:00Z  0          0s            no heartbeat for 60s

            """, run.Out);
    }

    [Fact]
    public async Task List_RealServer_ShowsItselfActiveInTheTableAndAsJson()
    {
        await using var server = await LiveServer.StartAsync("--Belfry:Cluster:NodeId=cli-node");
        var variables = new Dictionary<string, string> { ["BELFRY_ENDPOINT"] = server.Endpoint };

        var table = await CliHarness.RunAsync(["nodes", "list"], variables);
        var json = await CliHarness.RunAsync(["nodes", "list", "--format=json"], variables);

        Assert.Equal((0, ""), (table.ExitCode, table.Error));
        var row = Assert.Single(table.Out.Split('\n'), line => line.StartsWith("cli-node ", StringComparison.Ordinal));
        Assert.Contains($" ACTIVE  {server.Endpoint} ", row, StringComparison.Ordinal);
        var node = Assert.Single(JsonNode.Parse(json.Out)!.AsArray())!;
        Assert.Equal(("cli-node", "ACTIVE", server.Endpoint, "0s"),
            ((string?)node["id"], (string?)node["state"], (string?)node["address"], (string?)node["clockOffset"]));
    }
}
