using Belfry.Core.Executions;
using Belfry.Core.Jobs;
using Belfry.Core.Notifications;
using Belfry.Core.Pipelines;
using Belfry.Server.Hosting;
using Belfry.Server.Identity;
using Belfry.Server.Notifications;
using Microsoft.Extensions.Options;

namespace Belfry.Server.Tests.Notifications;

/// <summary>The dashboard link a message carries (issue 16): the job's page, or a pipeline run's, under <c>Belfry:DashboardUrl</c> or this server's own <c>/ui</c>.</summary>
public sealed class NotificationComposerTests
{
    private static readonly DateTimeOffset At = new(2027, 1, 1, 21, 0, 0, TimeSpan.Zero);
    private static readonly PipelineName Pipeline = new("default", "local", "daily-pipeline");

    private static NotificationComposer Composer(string? dashboardUrl) => new(
        Options.Create(new ServerOptions { DashboardUrl = dashboardUrl }),
        new IssuerUrl(Options.Create(new IssuerOptions { Issuer = "http://belfry.test:8085" }), null!, null!));

    private static NotificationEvent RunFailed => new()
    {
        Kind = NotificationEventKind.PipelineRunFailed,
        Time = At,
        TimeZone = "Asia/Tokyo",
        ScheduleTime = At,
        Trigger = ExecutionTrigger.Manual,
        Attempts = 1,
        StatusCode = 500,

        // The failed step's internal job and execution come with the event; the link still opens the run.
        Job = Pipeline.StepJob("merge"),
        ExecutionId = "e1",
        Pipeline = Pipeline,
        RunId = "r1",
        Step = "merge",
    };

    [Theory]
    [InlineData(null, "http://belfry.test:8085/ui/pipelines/default/local/daily-pipeline/runs/r1")]
    [InlineData("https://belfry.example/", "https://belfry.example/pipelines/default/local/daily-pipeline/runs/r1")]
    public void Compose_PipelineRunFailed_LinksToTheRunPage(string? dashboardUrl, string expected) =>
        Assert.Equal(expected, Composer(dashboardUrl).Compose("n1", RunFailed, "ops").Link);

    [Theory]
    [InlineData(null, "http://belfry.test:8085/ui/pipelines/default/local/daily-pipeline/runs/r%2F1")]
    [InlineData("https://belfry.example/belfry", "https://belfry.example/belfry/pipelines/default/local/daily-pipeline/runs/r%2F1")]
    public void Compose_PipelineRunRecovered_LinksToTheRunPageEscaped(string? dashboardUrl, string expected)
    {
        var recovered = new NotificationEvent { Kind = NotificationEventKind.PipelineRunRecovered, Time = At, Pipeline = Pipeline, RunId = "r/1" };

        Assert.Equal(expected, Composer(dashboardUrl).Compose("n1", recovered, "ops").Link);
    }

    [Fact]
    public void Compose_ExecutionFailed_LinksToTheExecutionOnTheJobPage()
    {
        var failed = new NotificationEvent
        {
            Kind = NotificationEventKind.ExecutionFailed, Time = At, Job = new JobName("default", "local", "nightly"), ExecutionId = "e7",
        };

        Assert.Equal("http://belfry.test:8085/ui/jobs/default/local/nightly/executions/e7", Composer(null).Compose("n1", failed, "ops").Link);
    }
}
