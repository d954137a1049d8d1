using Belfry.Server.Api;
using Microsoft.Extensions.Time.Testing;

namespace Belfry.Server.Tests.Api;

/// <summary>The version-guarded read, change, write loop shared by jobs and pipelines.</summary>
public sealed class OptimisticUpdateTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2027, 3, 14, 6, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task ApplyAsync_WriteRefusedTwice_ChangesAFreshReadEachTimeAndReturnsWhatWasWritten()
    {
        var reads = 0;
        var written = new List<int>();

        var result = await OptimisticUpdate.ApplyAsync(
            _time, () => Task.FromResult(++reads), (current, now) => current * 10, verify: null,
            next => { written.Add(next); return Task.FromResult(written.Count == 3); }, "Thing t");

        Assert.Equal(30, result);
        Assert.Equal([10, 20, 30], written);
    }

    [Fact]
    public async Task ApplyAsync_WriteAlwaysRefused_IsAbortedNamingTheResource()
    {
        var reads = 0;

        var e = await Assert.ThrowsAsync<ApiException>(() => OptimisticUpdate.ApplyAsync(
            _time, () => Task.FromResult(++reads), (current, now) => current, verify: null, _ => Task.FromResult(false), "Job projects/p/locations/l/jobs/j"));

        Assert.Equal("ABORTED", e.Status);
        Assert.Equal("Job projects/p/locations/l/jobs/j kept changing concurrently; try again.", e.Message);
        Assert.Equal(OptimisticUpdate.MaxConflictRetries, reads);
    }

    [Fact]
    public async Task ApplyAsync_VerifyRefuses_NothingIsWritten()
    {
        var writes = 0;

        await Assert.ThrowsAsync<ApiException>(() => OptimisticUpdate.ApplyAsync(
            _time, () => Task.FromResult(1), (current, now) => current, (_, _) => throw ApiException.InvalidArgument("belfry.notifyOnFailure: no."),
            _ => Task.FromResult(++writes > 0), "Job j"));

        Assert.Equal(0, writes);
    }

    [Fact]
    public async Task ApplyAsync_Change_GetsTheClocksNow()
    {
        DateTimeOffset? seen = null;

        await OptimisticUpdate.ApplyAsync(_time, () => Task.FromResult(1), (current, now) => { seen = now; return current; }, null, _ => Task.FromResult(true), "Job j");

        Assert.Equal(_time.GetUtcNow(), seen);
    }
}
