using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Belfry.Cli.Tests.Infrastructure;

namespace Belfry.Cli.Tests.Alerts;

/// <summary>
/// <c>belfry alert-policies create --policy-from-file</c> against the real server: the article's Cloud Monitoring
/// policy file creates the policy it means, and whatever cannot be mapped is refused by its JSON path with nothing created.
/// </summary>
public sealed partial class AlertPolicyFromFileTests : IAsyncLifetime
{
    /// <summary>The article's scheduler-alert-policy.json, verbatim.</summary>
    private const string Article = """
        {
          "displayName": "Cloud Scheduler ジョブ失敗",
          "conditions": [{
            "displayName": "scheduler job failed",
            "conditionThreshold": {
              "filter": "resource.type=\"cloud_scheduler_job\" AND metric.type=\"cloudscheduler.googleapis.com/job/attempt_count\" AND metric.labels.status=\"FAILED\"",
              "comparison": "COMPARISON_GT",
              "thresholdValue": 0,
              "duration": "0s",
              "aggregations": [{ "alignmentPeriod": "300s", "perSeriesAligner": "ALIGN_SUM" }]
            }
          }],
          "alertStrategy": { "notificationRateLimit": { "period": "300s" } }
        }
        """;

    private const string Threshold = "conditions[0].conditionThreshold";
    private readonly string _directory = Directory.CreateTempSubdirectory("belfry-policy-").FullName;
    private LiveServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await LiveServer.StartAsync();
        Assert.Equal(0, (await Belfry("channels", "create", "webhook", "ops", "--webhook-url=http://127.0.0.1:9/hook")).ExitCode);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Create_ArticleFile_FailuresOneWindowAndRateLimit300s()
    {
        var run = await Belfry("alert-policies", "create", $"--policy-from-file={await WriteAsync(Article)}", "--channel=ops");

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        Assert.Contains("name: projects/default/locations/local/alertPolicies/cloud-scheduler\n", run.Out, StringComparison.Ordinal);
        var policy = await DescribeAsync("cloud-scheduler");
        Assert.Equal((1, "300s", "300s", "Cloud Scheduler ジョブ失敗", true, null),
            ((int?)policy["failures"], (string?)policy["window"], (string?)policy["rateLimit"], (string?)policy["displayName"],
             (bool?)policy["enabled"], policy["jobs"]));
        Assert.Equal(["projects/default/locations/local/channels/ops"], policy["channels"]!.AsArray().Select(c => (string?)c));
    }

    [Fact]
    public async Task Create_ArticleFileTwice_SecondIsRefusedAsDuplicate()
    {
        var file = await WriteAsync(Article);
        await Belfry("alert-policies", "create", $"--policy-from-file={file}", "--channel=ops");

        var again = await Belfry("alert-policies", "create", $"--policy-from-file={file}", "--channel=ops");

        Assert.Equal(1, again.ExitCode);
        Assert.Contains("ALREADY_EXISTS", again.Error, StringComparison.Ordinal);
        Assert.Single(await ListAsync());
    }

    [Fact]
    public async Task Create_FileWithChannelsJobPrefixAndGe_FlagsOverrideTheFile()
    {
        var file = await WriteAsync(Edit(Article,
            (Threshold + ".filter", JsonValue.Create(
                """metric.type="cloudscheduler.googleapis.com/job/attempt_count" AND metric.labels.status="FAILED" AND resource.labels.job_id=starts_with("sync-")""")),
            (Threshold + ".comparison", JsonValue.Create("COMPARISON_GE")),
            (Threshold + ".thresholdValue", JsonValue.Create(3)),
            ("notificationChannels", new JsonArray("ops")),
            ("enabled", JsonValue.Create(false))));

        var run = await Belfry("alert-policies", "create", "sync-failures", $"--policy-from-file={file}", "--window=10m");

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        var policy = await DescribeAsync("sync-failures");
        Assert.Equal((3, "600s", "300s", false, "sync-*"),
            ((int?)policy["failures"], (string?)policy["window"], (string?)policy["rateLimit"], (bool?)policy["enabled"], (string?)policy["jobs"]![0]));
    }

    [Theory]
    [InlineData(Threshold + ".comparison", "\"COMPARISON_LT\"", Threshold + ".comparison: COMPARISON_LT is not supported; only COMPARISON_GT and COMPARISON_GE")]
    [InlineData(Threshold + ".comparison", null, Threshold + ".comparison: required")]
    [InlineData(Threshold + ".thresholdValue", "1000", Threshold + ".thresholdValue: COMPARISON_GT 1000 means 1001 failures; Belfry counts 1 to 1000")]
    [InlineData(Threshold + ".thresholdValue", "\"0\"", Threshold + ".thresholdValue: expected a number, got \"0\"")]
    [InlineData(Threshold + ".duration", "\"60s\"", Threshold + ".duration: 60s is not supported; only 0s")]
    [InlineData(Threshold + ".aggregations[0].perSeriesAligner", "\"ALIGN_RATE\"", Threshold + ".aggregations[0].perSeriesAligner: ALIGN_RATE is not supported")]
    [InlineData(Threshold + ".aggregations[0].crossSeriesReducer", "\"REDUCE_SUM\"",
        Threshold + ".aggregations[0].crossSeriesReducer: not supported; Belfry maps only perSeriesAligner, alignmentPeriod here")]
    [InlineData(Threshold + ".aggregations[0].alignmentPeriod", "\"5m\"", Threshold + ".aggregations[0].alignmentPeriod: invalid duration \"5m\"")]
    [InlineData(Threshold + ".aggregations[0].alignmentPeriod", "\"1209600s\"", Threshold + ".aggregations[0].alignmentPeriod: must be between 1s and 604800s")]
    [InlineData(Threshold + ".aggregations[1]", """{"alignmentPeriod":"60s"}""", Threshold + ".aggregations[1]: not supported; only one aggregation")]
    [InlineData(Threshold + ".aggregations", null, Threshold + ".aggregations: required")]
    [InlineData(Threshold + ".trigger", """{"percent":50}""", Threshold + ".trigger.percent: not supported")]
    [InlineData(Threshold + ".denominatorFilter", "\"x\"", Threshold + ".denominatorFilter: not supported")]
    [InlineData(Threshold + ".treshold", "1", Threshold + ".treshold: not supported")]
    [InlineData(Threshold + ".filter", "\"metric.type=\\\"run.googleapis.com/request_count\\\" AND metric.labels.status=\\\"FAILED\\\"\"",
        Threshold + ".filter: metric.type \"run.googleapis.com/request_count\" is not supported")]
    [InlineData(Threshold + ".filter", "\"resource.type=\\\"cloud_run_revision\\\"\"", Threshold + ".filter: resource.type \"cloud_run_revision\" is not supported")]
    [InlineData(Threshold + ".filter", "\"metric.type=\\\"cloudscheduler.googleapis.com/job/attempt_count\\\"\"", Threshold + ".filter: metric.labels.status=\"FAILED\" is required")]
    [InlineData("conditions[0].conditionAbsent", "{}", "conditions[0].conditionAbsent: not supported; Belfry maps only displayName, conditionThreshold here")]
    [InlineData("conditions[1]", """{"displayName":"another"}""", "conditions[1]: not supported; Belfry maps one condition")]
    [InlineData("conditions", "[]", "conditions: required")]
    [InlineData("combiner", "\"AND\"", "combiner: AND is not supported; only OR")]
    [InlineData("documentation", """{"content":"runbook"}""", "documentation: not supported; Belfry maps only displayName, enabled, combiner, conditions, notificationChannels, alertStrategy here")]
    [InlineData("severity", "\"CRITICAL\"", "severity: not supported")]
    [InlineData("enabled", "\"yes\"", "enabled: expected true or false, got \"yes\"")]
    [InlineData("alertStrategy.autoClose", "\"1800s\"", "alertStrategy.autoClose: not supported; Belfry maps only notificationRateLimit here")]
    [InlineData("alertStrategy.notificationRateLimit.period", "\"1209600s\"", "alertStrategy.notificationRateLimit.period: must be at most 604800s")]
    [InlineData("notificationChannels", """["projects/p/notificationChannels/123"]""", "notificationChannels[0]: \"projects/p/notificationChannels/123\" is not a Belfry channel id or name")]
    public async Task Create_UnsupportedField_RefusedNamingItAndNothingCreated(string path, string? json, string message)
    {
        var file = await WriteAsync(Edit(Article, (path, json is null ? null : JsonNode.Parse(json))));

        var run = await Belfry("alert-policies", "create", $"--policy-from-file={file}", "--channel=ops");

        Assert.Equal((2, ""), (run.ExitCode, run.Out));
        Assert.StartsWith($"ERROR: (belfry.alert-policies.create) argument --policy-from-file: {file}: {message}", run.Error, StringComparison.Ordinal);
        Assert.Empty(await ListAsync());
    }

    [Fact]
    public async Task Create_MalformedJson_RefusedAndNothingCreated()
    {
        var file = await WriteAsync(Article.Replace("\"comparison\":", "\"comparison\"", StringComparison.Ordinal));

        var run = await Belfry("alert-policies", "create", $"--policy-from-file={file}", "--channel=ops");

        await AssertRefusedAsync(run, $"argument --policy-from-file: {file}: not valid JSON (line 7, byte 20): '\"' is invalid after a property name.");
    }

    [Fact]
    public async Task Create_DuplicateField_RefusedAndNothingCreated()
    {
        var file = await WriteAsync(Article.Replace("\"thresholdValue\": 0,", "\"thresholdValue\": 0, \"thresholdValue\": 5,", StringComparison.Ordinal));

        var run = await Belfry("alert-policies", "create", $"--policy-from-file={file}", "--channel=ops");

        await AssertRefusedAsync(run, "not valid JSON: Duplicate property 'thresholdValue'");
    }

    [Fact]
    public async Task Create_UnreadableFile_RefusedAndNothingCreated()
    {
        var missing = Path.Combine(_directory, "missing.json");

        var run = await Belfry("alert-policies", "create", $"--policy-from-file={missing}", "--channel=ops");

        await AssertRefusedAsync(run, $"argument --policy-from-file: unable to read file [{missing}]");
    }

    [Fact]
    public async Task Create_NoChannelInFileOrFlags_RefusedAndNothingCreated()
    {
        var run = await Belfry("alert-policies", "create", $"--policy-from-file={await WriteAsync(Article)}");

        await AssertRefusedAsync(run, "argument --channel: at least one channel is required (or notificationChannels in --policy-from-file)");
    }

    [Fact]
    public async Task Create_NoIdFromDisplayName_AsksForPolicy()
    {
        var file = await WriteAsync(Edit(Article, ("displayName", JsonValue.Create("ジョブ失敗"))));

        var run = await Belfry("alert-policies", "create", $"--policy-from-file={file}", "--channel=ops");

        await AssertRefusedAsync(run, "argument POLICY: required, since the file's displayName has no ASCII letters or digits");
    }

    [Fact]
    public async Task Create_NeitherPolicyNorFile_UsageError()
    {
        var run = await Belfry("alert-policies", "create", "--channel=ops");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("argument POLICY: required unless --policy-from-file is given.", run.Error, StringComparison.Ordinal);
    }

    /// <summary>The article's file with values set (null removes; an index one past the end appends).</summary>
    private static string Edit(string json, params (string Path, JsonNode? Value)[] edits)
    {
        var root = JsonNode.Parse(json)!;
        foreach (var (path, value) in edits)
        {
            var steps = PathStep().Matches(path).Select(m => m.Groups[1].Success ? (object)m.Groups[1].Value : int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            var parent = steps.Take(steps.Count - 1).Aggregate(root, (node, step) => step is string name ? node[name]! : node[(int)step]!);
            switch (steps[^1])
            {
                case string name when value is null:
                    parent.AsObject().Remove(name);
                    break;
                case string name:
                    parent[name] = value;
                    break;
                case int index when index == parent.AsArray().Count:
                    parent.AsArray().Add(value);
                    break;
                case int index:
                    parent[index] = value;
                    break;
            }
        }

        return root.ToJsonString();
    }

    [GeneratedRegex(@"([A-Za-z]+)|\[(\d+)\]")]
    private static partial Regex PathStep();

    /// <summary>A usage error (exit code 2) saying <paramref name="message"/>, and no policy in the store.</summary>
    private async Task AssertRefusedAsync(CliRun run, string message)
    {
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Empty(await ListAsync());
    }

    private async Task<string> WriteAsync(string json)
    {
        var path = Path.Combine(_directory, $"policy-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, json, TestContext.Current.CancellationToken);
        return path;
    }

    private async Task<JsonNode> DescribeAsync(string id)
    {
        var run = await Belfry("alert-policies", "describe", id, "--format=json");
        Assert.Equal(0, run.ExitCode);
        return JsonNode.Parse(run.Out)!;
    }

    private async Task<JsonArray> ListAsync()
    {
        var run = await Belfry("alert-policies", "list", "--format=json");
        Assert.Equal(0, run.ExitCode);
        return JsonNode.Parse(run.Out)!.AsArray();
    }

    private Task<CliRun> Belfry(params string[] args) =>
        CliHarness.RunAsync(args, new Dictionary<string, string> { ["BELFRY_ENDPOINT"] = _server.Endpoint });
}
