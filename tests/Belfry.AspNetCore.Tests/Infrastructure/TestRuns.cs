using Belfry.AspNetCore.RunKeys;

namespace Belfry.AspNetCore.Tests.Infrastructure;

/// <summary>Run identities for ledger tests, each with a unique job name so tests can share a database.</summary>
internal static class TestRuns
{
    public static RunIdentity New(
        string? jobName = null,
        string runKey = "2027-01-02",
        BatchTrigger trigger = BatchTrigger.Scheduled,
        int? attempt = 1,
        long? epoch = 1,
        string? executionId = "exec-1")
    {
        var job = jobName ?? "job-" + Guid.NewGuid().ToString("N")[..10];
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        var scheduleTime = new DateTimeOffset(2027, 1, 2, 6, 0, 0, TimeSpan.FromHours(9));
        return new RunIdentity(
            job, RunKeyCalculator.JobIdOf(job, runKey), runKey, new DateOnly(2027, 1, 2), scheduleTime, zone, trigger, executionId, attempt, epoch);
    }
}
