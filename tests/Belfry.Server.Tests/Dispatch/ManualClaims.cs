using Belfry.Core.Storage;
using Belfry.Server.Tests.Infrastructure;
using Belfry.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Belfry.Server.Tests.Dispatch;

/// <summary>
/// Real claims for testing the dispatcher's parts without a cycle: one job per id (POST to <c>/{id}</c>, retried
/// once after 5 s), each run through <c>:run</c> and claimed from the real store at the current time.
/// </summary>
internal static class ManualClaims
{
    public static async Task<IReadOnlyList<ClaimedAttempt>> RunAndClaimAsync(BelfryServerFactory server, RecordingTarget target, params string[] ids)
    {
        var api = new ApiClient(server.CreateClient());
        foreach (var id in ids)
        {
            var (created, _) = await api.CreateAsync(api.Job(id, target.Url("/" + id), extra: """ "retryConfig":{"retryCount":1,"minBackoffDuration":"5s"}"""));
            Assert.Equal(200, created);
            Assert.Equal(200, (await api.ActAsync(id, "run")).Status);
        }

        var store = server.Services.GetRequiredService<IDispatchQueue>();
        var claims = await store.ClaimDueAttemptsAsync(server.Time.GetUtcNow(), 100, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal(ids.Length, claims.Count);
        return [.. ids.Select(id => claims.Single(c => c.Job.Name.JobId == id))];
    }

    /// <summary><paramref name="claim"/> as if planned for <paramref name="time"/> (the queue orders and waits by it).</summary>
    public static ClaimedAttempt At(this ClaimedAttempt claim, DateTimeOffset time) =>
        claim with { Execution = claim.Execution with { ScheduleTime = time } };
}
