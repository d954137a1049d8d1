using System.Text.Json.Nodes;
using Belfry.Cli.Output.Filters;
using Belfry.Cli.Tests.Infrastructure;

namespace Belfry.Cli.Tests.Output;

/// <summary>--filter as <c>gcloud topic filters</c> describes its common terms, applied to resources on the client.</summary>
public sealed class FilterParserTests
{
    private static readonly JsonNode[] Jobs =
    [
        Job("daily-sync", "0 6 * * *", "ENABLED", "https://a.example/sync"),
        Job("nightly-sync", "0 16 * * *", "PAUSED", "https://b.example/sync"),
        Job("report", "30 6 * * 1", "PAUSED", null),
    ];

    [Theory]
    [InlineData("state=PAUSED", "nightly-sync,report")]
    [InlineData("state=paused", "nightly-sync,report")]
    [InlineData("state!=PAUSED", "daily-sync")]
    [InlineData("name~sync$", "daily-sync,nightly-sync")]
    [InlineData("name!~^projects/p/locations/l/jobs/d", "nightly-sync,report")]
    [InlineData("schedule:\"0 6\"", "daily-sync")]
    [InlineData("schedule:'6'", "daily-sync,report")]
    [InlineData("name:nightly", "nightly-sync")]
    [InlineData("name:night*", "nightly-sync")]
    [InlineData("name:night", "")]
    [InlineData("httpTarget.uri:*", "daily-sync,nightly-sync")]
    [InlineData("httpTarget.uri:b.example", "nightly-sync")]
    [InlineData("state=PAUSED AND name:sync", "nightly-sync")]
    [InlineData("state=PAUSED name:sync", "nightly-sync")]
    [InlineData("state=ENABLED OR name:report", "daily-sync,report")]
    [InlineData("NOT state=PAUSED", "daily-sync")]
    [InlineData("-state=PAUSED", "daily-sync")]
    [InlineData("(state=PAUSED AND name:sync) OR name:daily", "daily-sync,nightly-sync")]
    [InlineData("name.basename()=(report, daily-sync)", "daily-sync,report")]
    [InlineData("retryConfig.retryCount>=2", "daily-sync,nightly-sync")]
    [InlineData("retryConfig.retryCount<10", "daily-sync,nightly-sync,report")]
    public void Matches_GcloudExpression_SelectsTheDocumentedResources(string filter, string expected)
    {
        var parsed = ResourceFilter.Parse(filter);

        Assert.Equal(expected, string.Join(',', Jobs.Where(parsed.Matches).Select(j => ((string)j["name"]!).Split('/')[^1])));
    }

    [Theory]
    [InlineData("", "the expression is empty")]
    [InlineData("state=", "a value is missing")]
    [InlineData("state PAUSED", "expected an operator")]
    [InlineData("state=PAUSED AND name:a OR name:b", "AND and OR are combined without parentheses")]
    [InlineData("(state=PAUSED", "a \"(\" is not closed")]
    [InlineData("name~\"[\"", "invalid regular expression")]
    [InlineData("name=\"open", "is not closed")]
    [InlineData("=x", "expected a resource key")]
    public void Parse_BadExpression_ThrowsSayingWhy(string filter, string message)
    {
        var error = Assert.Throws<FilterSyntaxException>(() => ResourceFilter.Parse(filter));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JobsList_BadFilter_UsageErrorNamingTheFlagBeforeAnyCall()
    {
        var run = await CliHarness.RunAsync(["scheduler", "jobs", "list", "--filter=state=PAUSED OR", "--endpoint=http://127.0.0.1:9"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("argument --filter: invalid filter \"state=PAUSED OR\"", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Is a server running", run.Error, StringComparison.Ordinal);
    }

    private static JsonObject Job(string id, string schedule, string state, string? uri)
    {
        var job = new JsonObject
        {
            ["name"] = $"projects/p/locations/l/jobs/{id}",
            ["schedule"] = schedule,
            ["state"] = state,
            ["retryConfig"] = new JsonObject { ["retryCount"] = id.Length / 5 },
        };
        if (uri is not null)
        {
            job["httpTarget"] = new JsonObject { ["uri"] = uri };
        }

        return job;
    }
}
