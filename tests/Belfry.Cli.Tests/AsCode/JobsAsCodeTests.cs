using System.Reflection;
using Belfry.Cli.Tests.Infrastructure;
using Belfry.Contracts.Alerts;
using Belfry.Contracts.Channels;
using Belfry.Contracts.Jobs;
using Belfry.Contracts.Pipelines;

namespace Belfry.Cli.Tests.AsCode;

/// <summary><c>belfry plan</c>, <c>apply</c> and <c>export</c> against a real server (issue 17).</summary>
public sealed class JobsAsCodeTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("belfry-ascode-").FullName;
    private LiveServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await LiveServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private static Task<CliRun> RunAsync(LiveServer server, params string[] args) =>
        CliHarness.RunAsync(args, new Dictionary<string, string> { ["BELFRY_ENDPOINT"] = server.Endpoint });

    private string Write(string name, string text) => AsCodeFiles.Write(_directory, name, text);

    [Fact]
    public async Task PlanApply_NewFile_CreatesAllThenASecondApplyChangesNothing()
    {
        var file = Write("belfry.yaml", AsCodeFiles.Full);
        var values = Write("prod.yaml", AsCodeFiles.Production);

        var plan = await RunAsync(_server, "plan", "-f", file, "--values", values);
        var apply = await RunAsync(_server, "apply", "-f", file, "--values", values, "--auto-approve");
        var again = await RunAsync(_server, "apply", "-f", file, "--values", values, "--auto-approve");
        var replan = await RunAsync(_server, "plan", "-f", file, "--values", values);

        Assert.Equal(2, plan.ExitCode);
        Assert.Contains("+ job projects/shop/locations/asia-northeast1/jobs/sync-daily-data will be created", plan.Out, StringComparison.Ordinal);
        Assert.Contains("+ schedule: \"0 3 * * *\"", plan.Out, StringComparison.Ordinal);
        Assert.Contains("Plan: 5 to add, 0 to change, 0 to destroy.", plan.Out, StringComparison.Ordinal);
        Assert.Equal((0, ""), (apply.ExitCode, apply.Error));
        Assert.Contains("Apply complete! Resources: 5 added, 0 changed, 0 destroyed.", apply.Out, StringComparison.Ordinal);
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(0, replan.ExitCode);
        Assert.StartsWith("No changes.", replan.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_OtherValuesFile_ShowsTheFieldOldToNewAndExitsTwo()
    {
        var file = Write("belfry.yaml", AsCodeFiles.Full);
        Assert.Equal(0, (await RunAsync(_server, "apply", "-f", file, "--values", Write("prod.yaml", AsCodeFiles.Production), "--auto-approve")).ExitCode);

        var plan = await RunAsync(_server, "plan", "-f", file, "--values", Write("staging.yaml", AsCodeFiles.Staging));

        Assert.Equal(2, plan.ExitCode);
        Assert.Contains("~ job projects/shop/locations/asia-northeast1/jobs/sync-daily-data will be updated in place\n      ~ schedule: \"0 3 * * *\" -> \"0 4 * * *\"\n", plan.Out, StringComparison.Ordinal);
        Assert.Contains("Plan: 0 to add, 1 to change, 0 to destroy.", plan.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_EveryKindAndField_ApplyElsewhereThenPlanShowsNoChange()
    {
        Assert.Equal(0, (await RunAsync(_server, "apply", "-f", Write("belfry.yaml", AsCodeFiles.Full), "--values", Write("prod.yaml", AsCodeFiles.Production), "--auto-approve")).ExitCode);

        var export = await RunAsync(_server, "export", "--project", AsCodeFiles.Project, "--location", AsCodeFiles.Location);
        Assert.Equal((0, ""), (export.ExitCode, export.Error));
        Assert.StartsWith("# yaml-language-server: $schema=belfry.schema.json\nlocations:\n", export.Out, StringComparison.Ordinal);
        Assert.Empty(SchemaFile.Validate(export.Out));
        foreach (var field in SettableFields())
        {
            Assert.Contains(field + ":", export.Out, StringComparison.Ordinal);
        }

        await using var other = await LiveServer.StartAsync();
        var exported = Write("exported.yaml", export.Out);
        var apply = await RunAsync(other, "apply", "-f", exported, "--auto-approve");
        var plan = await RunAsync(other, "plan", "-f", exported);
        var again = await RunAsync(other, "export", "--project", AsCodeFiles.Project, "--location", AsCodeFiles.Location);

        Assert.Equal((0, ""), (apply.ExitCode, apply.Error));
        Assert.Equal((0, "No changes. The server matches " + exported + ".\n"), (plan.ExitCode, plan.Out));
        Assert.Equal(export.Out, again.Out);
    }

    [Fact]
    public async Task Apply_JsonFile_ReadAsYamlIs()
    {
        var file = Write("belfry.json", """
            {"locations": [{"project": "shop", "location": "tokyo",
              "jobs": [{"name": "hourly", "schedule": "0 * * * *", "httpTarget": {"uri": "${env:TARGET}/hourly", "httpMethod": "GET"},
                        "retryConfig": {"retryCount": 2}}]}]}
            """);
        var environment = new Dictionary<string, string> { ["BELFRY_ENDPOINT"] = _server.Endpoint, ["TARGET"] = "http://127.0.0.1:9" };

        var apply = await CliHarness.RunAsync(["apply", "-f", file, "--auto-approve"], environment);
        var plan = await CliHarness.RunAsync(["plan", "-f", file], environment);

        Assert.Equal((0, ""), (apply.ExitCode, apply.Error));
        Assert.Contains("+ httpTarget.uri: \"http://127.0.0.1:9/hourly\"", apply.Out, StringComparison.Ordinal);
        Assert.Contains("+ retryConfig.retryCount: 2", apply.Out, StringComparison.Ordinal);
        Assert.Equal(0, plan.ExitCode);
    }

    [Fact]
    public async Task Apply_Prune_DeletesWhatTheFileNoLongerDeclares()
    {
        var values = Write("prod.yaml", AsCodeFiles.Production);
        Assert.Equal(0, (await RunAsync(_server, "apply", "-f", Write("belfry.yaml", AsCodeFiles.Full), "--values", values, "--auto-approve")).ExitCode);
        var smaller = Write("smaller.yaml", """
            locations:
              - project: shop
                location: asia-northeast1
                channels:
                  - {name: ops, type: WEBHOOK, displayName: Ops room, webhookUrl: env:BELFRY_SECRET_OPS_URL, secret: file:ops-hmac}
            """);

        var withoutPrune = await RunAsync(_server, "plan", "-f", smaller);
        var pruned = await RunAsync(_server, "apply", "-f", smaller, "--prune", "--auto-approve");
        var after = await RunAsync(_server, "plan", "-f", smaller, "--prune");

        Assert.Equal(0, withoutPrune.ExitCode);
        Assert.Equal(0, pruned.ExitCode);
        Assert.Contains("- job projects/shop/locations/asia-northeast1/jobs/sync-daily-data will be destroyed", pruned.Out, StringComparison.Ordinal);
        Assert.Contains("Resources: 0 added, 0 changed, 4 destroyed.", pruned.Out, StringComparison.Ordinal);
        Assert.Equal(0, after.ExitCode);
    }

    [Fact]
    public async Task Apply_NotATerminalWithoutAutoApprove_RefusesAndChangesNothing()
    {
        var run = await RunAsync(_server, "apply", "-f", Write("belfry.yaml", AsCodeFiles.Full), "--values", Write("prod.yaml", AsCodeFiles.Production));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--auto-approve", run.Error, StringComparison.Ordinal);
        Assert.Equal(2, (await RunAsync(_server, "plan", "-f", Write("belfry.yaml", AsCodeFiles.Full), "--values", Write("prod.yaml", AsCodeFiles.Production))).ExitCode);
    }

    [Fact]
    public async Task Apply_ResourceChangedAfterThePlan_RefusesNamingItAndAppliesNothing()
    {
        var values = Write("prod.yaml", AsCodeFiles.Production);
        Assert.Equal(0, (await RunAsync(_server, "apply", "-f", Write("belfry.yaml", AsCodeFiles.Full), "--values", values, "--auto-approve")).ExitCode);
        var staging = Write("staging.yaml", AsCodeFiles.Staging);
        var environment = new Dictionary<string, string> { ["BELFRY_ENDPOINT"] = _server.Endpoint };
        var job = "projects/shop/locations/asia-northeast1/jobs/sync-daily-data";

        var run = await CliHarness.RunAsync(
            ["apply", "-f", Write("belfry.yaml", AsCodeFiles.Full), "--values", staging], environment, terminal: true,
            reader: new ChangingReader(async () => Assert.Equal(0, (await CliHarness.RunAsync(
                ["scheduler", "jobs", "update", "http", job, "--description=changed by hand"], environment)).ExitCode)));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("ABORTED", run.Error, StringComparison.Ordinal);
        Assert.Contains(job, run.Error, StringComparison.Ordinal);
        Assert.Contains("changed since the plan", run.Error, StringComparison.Ordinal);
        var plan = await RunAsync(_server, "plan", "-f", Write("belfry.yaml", AsCodeFiles.Full), "--values", values);
        Assert.Contains("~ description: \"changed by hand\" -> \"Nightly sync\"", plan.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("~ schedule:", plan.Out, StringComparison.Ordinal);
    }

    /// <summary>Every field of the API's resources a client sets (not output-only, not refused by Belfry), by its JSON name.</summary>
    private static HashSet<string> SettableFields()
    {
        string[] notTaken = ["name", "pubsubTarget", "appEngineHttpTarget", "oauthToken", "state", "status", "scheduleTime", "lastAttemptTime",
            "userUpdateTime", "webhookUrlSet", "secretSet", "createTime", "updateTime", "firingSince", "lastNotifyTime"];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<Type>([typeof(JobResource), typeof(PipelineResource), typeof(ChannelResource), typeof(AlertPolicyResource)]);
        while (pending.TryDequeue(out var type))
        {
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var json = property.GetCustomAttribute<System.Text.Json.Serialization.JsonPropertyNameAttribute>()?.Name
                    ?? char.ToLowerInvariant(property.Name[0]) + property.Name[1..];
                if (notTaken.Contains(json))
                {
                    continue;
                }

                seen.Add(json);
                var element = property.PropertyType.IsGenericType && property.PropertyType.GetGenericTypeDefinition() == typeof(List<>)
                    ? property.PropertyType.GetGenericArguments()[0]
                    : property.PropertyType;
                if (element.Namespace?.StartsWith("Belfry.Contracts", StringComparison.Ordinal) == true && element.IsClass)
                {
                    pending.Enqueue(element);
                }
            }
        }

        return seen;
    }
}
