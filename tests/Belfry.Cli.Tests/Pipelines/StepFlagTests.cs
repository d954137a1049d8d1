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
    public void Parse_Invalid_NamesTheProblem(string value, string message)
    {
        var e = Assert.Throws<CliUsageException>(() => StepFlag.Parse(value));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }
}
