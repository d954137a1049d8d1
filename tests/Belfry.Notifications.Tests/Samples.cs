using System.Text.Json.Nodes;

namespace Belfry.Notifications.Tests;

/// <summary>Messages as the server composes them.</summary>
internal static class Samples
{
    public static readonly DateTimeOffset Time = new(2027, 1, 1, 21, 1, 10, TimeSpan.Zero);

    public static Notification Failed => new()
    {
        Id = "0194f3c2a1b27c3d8e9f0a1b2c3d4e5f",
        Type = "execution.failed",
        Tone = NotificationTone.Failure,
        Title = "Job failed: sync-daily-data",
        Text = "The run scheduled for 2027-01-02 06:00 +09:00 (Asia/Tokyo) failed after 4 attempts. Last answer: HTTP 500.",
        Detail = "HTTP 500: boom: simulated failure",
        Time = Time,
        Link = "https://belfry.example/jobs/p/asia-northeast1/sync-daily-data/executions/0194f3c2",
        Fields = [new("Job", "sync-daily-data"), new("Schedule time", "2027-01-02 06:00 +09:00 (Asia/Tokyo)"), new("Attempts", "4"), new("Last status", "HTTP 500")],
        Data = new JsonObject { ["job"] = new JsonObject { ["id"] = "sync-daily-data" } },
    };

    public static Notification Recovered => Failed with
    {
        Detail = null,
        Type = "execution.recovered",
        Tone = NotificationTone.Success,
        Title = "Job recovered: sync-daily-data",
        Text = "The run scheduled for 2027-01-03 06:00 +09:00 (Asia/Tokyo) succeeded after 1 attempt; the job had failed before.",
        Link = null,
        Fields = [],
        Data = null,
    };
}
