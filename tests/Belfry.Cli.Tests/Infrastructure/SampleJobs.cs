namespace Belfry.Cli.Tests.Infrastructure;

/// <summary>Server answers as the Belfry server writes them.</summary>
internal static class SampleJobs
{
    public const string SyncDailyData = """
        {"name":"projects/default/locations/asia-northeast1/jobs/sync-daily-data","schedule":"0 6 * * *",
         "timeZone":"Asia/Tokyo","httpTarget":{"uri":"http://127.0.0.1:9000/sync","httpMethod":"POST",
         "headers":{"User-Agent":"Google-Cloud-Scheduler"}},"state":"ENABLED","scheduleTime":"2027-01-01T21:00:00Z",
         "userUpdateTime":"2026-12-31T10:00:00Z","attemptDeadline":"180s",
         "retryConfig":{"retryCount":3,"maxRetryDuration":"0s","minBackoffDuration":"10s","maxBackoffDuration":"300s","maxDoublings":5}}
        """;

    public const string Report = """
        {"name":"projects/default/locations/asia-northeast1/jobs/weekly-report","schedule":"0 9 * * MON",
         "timeZone":"Etc/UTC","httpTarget":{"uri":"http://127.0.0.1:9000/report"},"state":"PAUSED"}
        """;
}
