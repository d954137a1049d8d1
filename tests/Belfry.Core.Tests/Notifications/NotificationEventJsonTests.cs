using Belfry.Core.Alerts;
using Belfry.Core.Executions;
using Belfry.Core.Jobs;
using Belfry.Core.Notifications;
using Belfry.Core.Pipelines;

namespace Belfry.Core.Tests.Notifications;

public sealed class NotificationEventJsonTests
{
    [Fact]
    public void WriteRead_EveryField_RoundTrips()
    {
        var e = new NotificationEvent
        {
            Kind = NotificationEventKind.AlertFiring,
            Time = new DateTimeOffset(2027, 1, 1, 21, 1, 10, 123, TimeSpan.Zero).AddTicks(4567),
            Job = new JobName("p", "l", "sync"),
            TimeZone = "Asia/Tokyo",
            ExecutionId = "0194",
            ScheduleTime = new DateTimeOffset(2027, 1, 2, 6, 0, 0, TimeSpan.FromHours(9)),
            Trigger = ExecutionTrigger.CatchUp,
            Attempts = 4,
            StatusCode = 500,
            Error = "boom \"quoted\" ✓",
            Deadline = TimeSpan.FromMinutes(30),
            FirstMissed = new DateTimeOffset(2027, 1, 1, 21, 0, 0, TimeSpan.Zero),
            LastMissed = new DateTimeOffset(2027, 1, 3, 21, 0, 0, TimeSpan.Zero),
            MissedCount = 3,
            Policy = new AlertPolicyName("p", "l", "failures"),
            Failures = 5,
            Threshold = 2,
            Window = TimeSpan.FromMinutes(5),
            Repeat = true,
            NewFailures = 2,
            FailingJobs = [new JobFailureCount("sync", 4), new JobFailureCount("report", 1)],
            Pipeline = new PipelineName("p", "l", "daily-pipeline"),
            RunId = "0195r",
            Step = "merge",
            NotRunSteps = ["report", "publish"],
        };

        var read = NotificationEventJson.Read(NotificationEventJson.Write(e));

        Assert.Equal(e with { FailingJobs = read.FailingJobs, NotRunSteps = read.NotRunSteps }, read);
        Assert.Equal(e.FailingJobs, read.FailingJobs);
        Assert.Equal(e.NotRunSteps, read.NotRunSteps);
        Assert.Equal(TimeSpan.Zero, read.ScheduleTime!.Value.Offset);
    }

    [Fact]
    public void Write_Minimal_OnlyKindAndTime()
    {
        var json = NotificationEventJson.Write(new NotificationEvent { Kind = NotificationEventKind.Test, Time = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero) });

        Assert.Equal("""{"kind":8,"time":"2027-01-01T00:00:00.0000000Z"}""", json);
    }
}
