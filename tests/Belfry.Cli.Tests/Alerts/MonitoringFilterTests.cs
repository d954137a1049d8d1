using Belfry.Cli.Alerts;

namespace Belfry.Cli.Tests.Alerts;

public sealed class MonitoringFilterTests
{
    private const string Failed = """metric.type="cloudscheduler.googleapis.com/job/attempt_count" AND metric.labels.status="FAILED" """;

    [Theory]
    [InlineData("""resource.type="cloud_scheduler_job" AND metric.type="cloudscheduler.googleapis.com/job/attempt_count" AND metric.labels.status="FAILED" """, null)]
    [InlineData("""metric.labels.status = "FAILED" AND metric.type = "cloudscheduler.googleapis.com/job/attempt_count" """, null)]
    [InlineData(Failed + """AND resource.labels.job_id="sync-daily-data" """, "sync-daily-data")]
    [InlineData(Failed + """AND resource.labels.job_id = starts_with( "report-" )""", "report-*")]
    [InlineData("  " + Failed + """AND resource.labels.job_id="a_b" """, "a_b")]
    public void Jobs_SupportedFilter_SelectsTheJobs(string filter, string? job)
    {
        Assert.Equal(job is null ? null : [job], MonitoringFilter.Jobs(filter));
    }

    [Theory]
    [InlineData("""resource.type="cloud_run_revision" AND """ + Failed, "resource.type \"cloud_run_revision\" is not supported; only \"cloud_scheduler_job\"")]
    [InlineData("""metric.type="run.googleapis.com/request_count" AND metric.labels.status="FAILED" """,
        "metric.type \"run.googleapis.com/request_count\" is not supported")]
    [InlineData("""metric.type="cloudscheduler.googleapis.com/job/attempt_count" """, "metric.labels.status=\"FAILED\" is required")]
    [InlineData("""resource.type="cloud_scheduler_job" AND metric.labels.status="FAILED" """, "metric.type=\"cloudscheduler.googleapis.com/job/attempt_count\" is required")]
    [InlineData(Failed + """AND metric.labels.status="FAILED" """, "metric.labels.status is given twice")]
    [InlineData("""metric.type="cloudscheduler.googleapis.com/job/attempt_count" AND metric.labels.status="SUCCESS" """, "metric.labels.status \"SUCCESS\" is not supported")]
    [InlineData(Failed + """OR resource.labels.job_id="a" """, "only terms joined by AND are supported, found \"OR resource.labels.job_id=\"a\" \"")]
    [InlineData("NOT " + Failed, "only terms joined by AND are supported")]
    [InlineData("(" + Failed + ")", "only terms joined by AND are supported, found \"(metric.type")]
    [InlineData(Failed + """AND resource.labels.location="asia-northeast1" """, "resource.labels.location is not supported; Belfry maps only resource.type, metric.type")]
    [InlineData(Failed + """AND resource.labels.job_id!="a" """, "resource.labels.job_id: only = is supported")]
    [InlineData(Failed + """AND resource.labels.job_id=monitoring.regex.full_match("a.*")""", "resource.labels.job_id: expected a quoted value or starts_with(\"…\")")]
    [InlineData(Failed + """AND metric.labels.status=starts_with("F")""", "metric.labels.status: expected a quoted value, found")]
    [InlineData(Failed + """AND resource.labels.job_id=starts_with("")""", "expected starts_with(\"PREFIX\")")]
    [InlineData(Failed + """AND resource.labels.job_id="a""", "a quoted value is not closed")]
    [InlineData("", "only terms joined by AND are supported, found the end")]
    public void Jobs_UnsupportedFilter_RefusedNamingTheTerm(string filter, string message)
    {
        var error = Assert.Throws<FormatException>(() => MonitoringFilter.Jobs(filter));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
