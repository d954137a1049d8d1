using Belfry.Core.Jobs;
using Belfry.Core.Notifications;
using Belfry.Core.Retries;

namespace Belfry.Storage.ContractTests;

/// <summary>Jobs for store tests: a minimal one, and one with every field set away from its default.</summary>
internal static class TestJobs
{
    public static LocationName Location { get; } = new("belfry-test", "us-central1");

    public static Job Minimal(string jobId, DateTimeOffset? scheduleTime, LocationName? location = null) => new()
    {
        Name = (location ?? Location).Job(jobId),
        Schedule = "*/5 * * * *",
        HttpTarget = new HttpTarget("https://target.test/run", HttpMethodKind.Post, [], ReadOnlyMemory<byte>.Empty, null),
        ScheduleTime = scheduleTime,
        UserUpdateTime = StoreTime.T0,
    };

    /// <summary>Every field differs from its default; instants carry sub-second parts and non-UTC offsets.</summary>
    public static Job Full(string jobId, TimeSpan precision) => new()
    {
        Name = Location.Job(jobId),
        Description = "Nightly export: ünïcode ✓, 'quotes', \"double\", ; -- not SQL",
        Schedule = "*/10 * * * * *",
        TimeZone = "America/New_York",
        HttpTarget = new HttpTarget(
            "https://target.test/export?day=1&x=%20",
            HttpMethodKind.Patch,
            [new("X-Second", "2"), new("X-First", "1"), new("X-Second", "again"), new("Content-Type", "application/json")],
            new byte[] { 0, 1, 2, 0x7f, 0x80, 0xff, 0 },
            new OidcToken("runner@belfry-test.iam.gserviceaccount.com", "https://audience.test")),
        RetryConfig = new RetryConfig(3, TimeSpan.FromMinutes(7), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(300), 3),
        AttemptDeadline = TimeSpan.FromSeconds(42),
        Belfry = new BelfrySettings(OverlapPolicy.Skip, CatchUpPolicy.All, TimeSpan.FromMinutes(90))
        {
            Notify = new NotificationRoutes(
                ["projects/belfry-test/locations/us-central1/channels/ops", "projects/other/locations/eu/channels/team"],
                ["projects/belfry-test/locations/us-central1/channels/ops"],
                []),
            MissedRunDeadline = TimeSpan.FromMinutes(30),
        },
        State = JobState.Paused,
        Status = new JobStatus(14, "UNAVAILABLE: HTTP 503"),
        ScheduleTime = StoreTime.Truncate(StoreTime.T0.AddTicks(1_234_567).ToOffset(TimeSpan.FromHours(-5)), precision),
        LastAttemptTime = StoreTime.Truncate(StoreTime.T0.AddTicks(-7_654_321).ToOffset(TimeSpan.FromHours(5.5)), precision),
        UserUpdateTime = StoreTime.Truncate(StoreTime.T0.AddTicks(42).ToOffset(TimeSpan.FromHours(2)), precision),
        MissedRunSince = StoreTime.Truncate(StoreTime.T0.AddTicks(43).ToOffset(TimeSpan.FromHours(-3)), precision),
        Version = 17,
    };
}
