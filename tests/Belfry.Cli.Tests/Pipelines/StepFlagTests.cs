using Belfry.Cli.Commands;
using Belfry.Cli.Pipelines;
using Belfry.Contracts.Jobs;

namespace Belfry.Cli.Tests.Pipelines;

public sealed class StepFlagTests
{
    [Fact]
    public void Parse_IssueExample_IdUriAndDependencies()
    {
        var step = StepFlag.Parse("merge,uri=http://127.0.0.1:9000/pipeline/step2,depends-on=fetch+extra,method=put,retry-count=3,min-backoff=10s,attempt-deadline=5m");

        Assert.Equal("merge", step.Id);
        Assert.Equal("http://127.0.0.1:9000/pipeline/step2", step.HttpTarget!.Uri);
        Assert.Equal(["fetch", "extra"], step.DependsOn);
        Assert.Equal(HttpMethodWire.Put, step.HttpTarget.HttpMethod);
        Assert.Equal(3, step.RetryConfig!.RetryCount);
        Assert.Equal("10s", step.RetryConfig.MinBackoffDuration);
        Assert.Equal("5m", step.AttemptDeadline);
    }

    [Theory]
    [InlineData("uri=http://x/", "must start with the step id")]
    [InlineData("fetch", "needs uri=URL")]
    [InlineData("fetch,uri=http://x/,colour=red", "unknown key \"colour\"")]
    [InlineData("fetch,uri=http://x/,retry-count=many", "retry-count must be a number")]
    [InlineData("fetch,uri=\"http://x/,retry-count=1", "has a \" that is never closed; a comma inside a value must be quoted")]
    public void Parse_Invalid_NamesTheProblem(string value, string message)
    {
        var e = Assert.Throws<CliUsageException>(() => StepFlag.Parse(value));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fetch,uri=\"http://x/a?ids=1,2,3\",retry-count=2", "http://x/a?ids=1,2,3")]
    [InlineData("fetch,uri='http://x/a?ids=1,2',retry-count=2", "http://x/a?ids=1,2")]
    [InlineData("fetch,\"uri=http://x/a?ids=1,2\",retry-count=2", "http://x/a?ids=1,2")]
    [InlineData("fetch,uri=http://x/a?ids=1\\,2\\,3,retry-count=2", "http://x/a?ids=1,2,3")]
    [InlineData("fetch,uri=http://x/it's?a=b\\,c,retry-count=2", "http://x/it's?a=b,c")] // an apostrophe inside a value is a character
    public void Parse_UriWithCommasQuotedOrEscaped_WholeUriAndTheKeysAfterIt(string value, string uri)
    {
        var step = StepFlag.Parse(value);

        Assert.Equal(uri, step.HttpTarget!.Uri);
        Assert.Equal(2, step.RetryConfig!.RetryCount);
    }

    [Theory]
    [InlineData("fetch,uri=http://x/a?ids=1,2", "\"2\" is not KEY=VALUE (step fetch)")]
    [InlineData("fetch,uri=http://x/a?x=1,y=2", "unknown key \"y\" (step fetch; keys in docs/pipelines.md)")]
    public void Parse_UriCutByAPlainComma_ErrorSaysHowToKeepItAndPointsToFromFile(string value, string message)
    {
        var e = Assert.Throws<CliUsageException>(() => StepFlag.Parse(value));

        Assert.Equal($"argument --step: {message}; a comma inside a value must be quoted (uri=\"…,…\") or escaped (\\,); " +
            "or give the pipeline as JSON with --from-file.", e.Message);
    }
}
