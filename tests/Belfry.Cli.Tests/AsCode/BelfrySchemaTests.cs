using System.Text.RegularExpressions;
using Belfry.Cli.AsCode;
using Belfry.Cli.Tests.Infrastructure;
using Json.Schema;

namespace Belfry.Cli.Tests.AsCode;

/// <summary>
/// docs/belfry.schema.json checked by a real validator (issue 17, point 6): every example in docs/jobs-as-code.md
/// passes, and a file with an unknown field, a wrong type, a bad enum or a secret written as a value fails where it is
/// wrong, as an editor would underline it. What <c>belfry export</c> writes is checked in the round trip of
/// <see cref="JobsAsCodeTests"/>; that the schema has exactly the API's fields, in <see cref="BelfrySchemaDriftTests"/>.
/// </summary>
public sealed partial class BelfrySchemaTests
{
    [Fact]
    public void Schema_Itself_IsValidDraft07()
    {
        var results = MetaSchemas.Draft7.Evaluate(SchemaFile.ToJson(SchemaFile.Text));

        Assert.True(results.IsValid);
        Assert.Equal("http://json-schema.org/draft-07/schema#", (string?)SchemaFile.Node["$schema"]);
    }

    [Fact]
    public async Task Schema_Command_WritesTheSchemaInDocs()
    {
        var run = await CliHarness.RunAsync(["schema"]);

        Assert.Equal((0, SchemaFile.Text, ""), (run.ExitCode, run.Out, run.Error));
    }

    [Fact]
    public void Validate_TheTestsFullFileWithReferences_Passes()
    {
        Assert.Empty(SchemaFile.Validate(AsCodeFiles.Full));
    }

    [Fact]
    public void Validate_EveryBelfryFileInTheDocs_Passes()
    {
        var doc = System.IO.File.ReadAllText(Path.Combine(Path.GetDirectoryName(SchemaFile.Path)!, "jobs-as-code.md"));
        // Values files and fragments are YAML too; a belfry file is one with a top-level 'locations'.
        var examples = YamlBlock().Matches(doc).Select(m => m.Groups["body"].Value).Where(b => Regex.IsMatch(b, "^locations:", RegexOptions.Multiline)).ToList();

        Assert.NotEmpty(examples);
        Assert.All(examples, example => Assert.Empty(SchemaFile.Validate(example)));
    }

    [Theory]
    [InlineData("jobs: [{name: j, schedule: '* * * * *', httpTarget: {uri: 'http://x/'}, retries: 3}]", "/locations/0/jobs/0/retries")]
    [InlineData("jobs: [{name: j, schedule: '* * * * *', httpTarget: {uri: 'http://x/', oauthToken: {}}}]", "/locations/0/jobs/0/httpTarget/oauthToken")]
    [InlineData("jobs: [{name: j, schedule: '* * * * *', state: PAUSED, httpTarget: {uri: 'http://x/'}}]", "/locations/0/jobs/0/state")]
    [InlineData("pipelines: [{name: p, schedule: '* * * * *', belfry: {missedRunDeadline: 60s}, steps: [{id: a, httpTarget: {uri: 'http://x/'}}]}]", "/locations/0/pipelines/0/belfry/missedRunDeadline")]
    [InlineData("region: tokyo", "/locations/0/region")]
    public void Validate_UnknownField_FailsOnlyAtThatField(string entry, string location)
    {
        Assert.Equal([location], SchemaFile.FailedLocations(Declaring(entry)));
    }

    [Theory]
    [InlineData("jobs: [{name: j, schedule: '* * * * *', httpTarget: {uri: 'http://x/'}, retryConfig: {retryCount: three}}]", "/locations/0/jobs/0/retryConfig/retryCount")]
    [InlineData("jobs: [{name: j, schedule: '* * * * *', httpTarget: {uri: 'http://x/', headers: {X-Count: 5}}}]", "/locations/0/jobs/0/httpTarget/headers/X-Count")]
    [InlineData("jobs: [{name: j, schedule: '* * * * *', httpTarget: {uri: 'http://x/'}, attemptDeadline: 3 minutes}]", "/locations/0/jobs/0/attemptDeadline")]
    [InlineData("alertPolicies: [{name: a, channels: [ops], enabled: 'maybe'}]", "/locations/0/alertPolicies/0/enabled")]
    [InlineData("jobs: {name: j}", "/locations/0/jobs")]
    public void Validate_WrongType_FailsOnlyAtThatField(string entry, string location)
    {
        Assert.Equal([location], SchemaFile.FailedLocations(Declaring(entry)));
    }

    [Theory]
    [InlineData("jobs: [{name: j, schedule: '* * * * *', httpTarget: {uri: 'http://x/', httpMethod: FETCH}}]", "/locations/0/jobs/0/httpTarget/httpMethod")]
    [InlineData("channels: [{name: c, type: TEAMS, webhookUrl: 'env:BELFRY_SECRET_C'}]", "/locations/0/channels/0/type")]
    [InlineData("jobs: [{name: j, schedule: '* * * * *', httpTarget: {uri: 'http://x/'}, belfry: {overlapPolicy: QUEUE}}]", "/locations/0/jobs/0/belfry/overlapPolicy")]
    [InlineData("pipelines: [{name: p, schedule: '* * * * *', belfry: {catchUpPolicy: EVERY}, steps: [{id: a, httpTarget: {uri: 'http://x/'}}]}]", "/locations/0/pipelines/0/belfry/catchUpPolicy")]
    public void Validate_BadEnum_FailsOnlyAtThatField(string entry, string location)
    {
        Assert.Equal([location], SchemaFile.FailedLocations(Declaring(entry)));
    }

    [Theory]
    [InlineData("webhookUrl: 'https://hooks.slack.test/T0/B0/x'", "/locations/0/channels/0/webhookUrl")]
    [InlineData("webhookUrl: 'env:BELFRY_SECRET_C', secret: s3cr3t", "/locations/0/channels/0/secret")]
    public void Validate_SecretWrittenAsAValue_FailsOnlyAtThatField(string fields, string location)
    {
        Assert.Equal([location], SchemaFile.FailedLocations(Declaring($"channels: [{{name: c, type: WEBHOOK, {fields}}}]")));
    }

    [Fact]
    public void Validate_ReferencesInNumberBooleanAndEnumPositions_PassAsTheReaderReadsThem()
    {
        // Unquoted, in block style: the reader types the substituted value (a quoted one stays a string).
        var file = Declaring("""
            jobs:
                  - name: ${var.job}
                    schedule: ${var.schedule}
                    attemptDeadline: ${var.deadline}
                    httpTarget: {uri: "${env:URL}/x", httpMethod: "${var.method}"}
                    retryConfig:
                      retryCount: ${var.retries}
                alertPolicies:
                  - name: failures
                    channels: [ops]
                    failures: ${var.failures}
                    enabled: ${var.enabled}
            """);
        var values = new Dictionary<string, string>
        {
            ["job"] = "sync", ["schedule"] = "0 3 * * *", ["deadline"] = "60s", ["method"] = "GET", ["retries"] = "2", ["failures"] = "3", ["enabled"] = "false",
        };

        var read = new BelfryFileReader("belfry.yaml", new FileValues(values, "prod.yaml", _ => "http://127.0.0.1:9")).Read(file);

        Assert.Empty(SchemaFile.Validate(file));
        Assert.Equal(2L, (long)read.Resources.Single(r => r.Id == "sync").Body["retryConfig"]!["retryCount"]!);
        Assert.False((bool)read.Resources.Single(r => r.Id == "failures").Body["enabled"]!);
    }

    [Fact]
    public void Validate_MissingRequiredField_FailsOnlyAtTheResource()
    {
        Assert.Equal(["/locations/0/jobs/0"], SchemaFile.FailedLocations(Declaring("jobs: [{name: j, schedule: '* * * * *'}]")));
    }

    private static string Declaring(string entry) => $"""
        locations:
          - project: shop
            location: tokyo
            {entry}
        """;

    [GeneratedRegex("```yaml\\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();
}
