using Belfry.Core.Storage;
using Belfry.Server.Dispatch;
using Belfry.Server.Health;
using Belfry.Server.Tests.Infrastructure;
using Belfry.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Belfry.Server.Tests.Dispatch;

/// <summary>
/// The group commit alone (issue 14, M8): real claims in the real SQLite store, recorded by an
/// <see cref="AttemptRecorder"/> over <see cref="FaultyDispatchQueue"/>, which fails any batch holding one execution.
/// Its retries wait on the real clock (a few hundred milliseconds); the server's fake clock dates the results.
/// </summary>
public sealed class AttemptRecorderTests : IAsyncLifetime
{
    private readonly BelfryServerFactory _server = new();
    private RecordingTarget _target = null!;
    private ApiClient _api = null!;

    public async ValueTask InitializeAsync()
    {
        _target = await RecordingTarget.StartAsync();
        _api = new ApiClient(_server.CreateClient());
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _target.DisposeAsync();
    }

    [Fact]
    public async Task RecordAsync_OneResultOfABatchCannotBeWritten_OthersRecordedAndItParkedWithOneLogLine()
    {
        var claims = await ManualClaims.RunAndClaimAsync(_server, _target, "first", "x", "y");
        var (first, x, y) = (claims[0], claims[1], claims[2]);
        var queue = new FaultyDispatchQueue(_server.Services.GetRequiredService<IDispatchQueue>()) { FailingExecution = x.Execution.Id };
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        queue.Gate = gate.Task;
        var health = new StoreHealth();
        await using var recorder = NewRecorder(queue, health);

        // The first result holds the writer at the gate, so X's and Y's results wait together and share the next batch.
        var recordedFirst = recorder.RecordAsync(Succeeded(first));
        await queue.AtGate.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        var recordedX = recorder.RecordAsync(Succeeded(x));
        var recordedY = recorder.RecordAsync(Succeeded(y));
        gate.SetResult();

        Assert.Equal(
            [RecordOutcome.Recorded, RecordOutcome.Parked, RecordOutcome.Recorded],
            await Task.WhenAll(recordedFirst, recordedX, recordedY).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        Assert.Equal([x.Execution.Id, y.Execution.Id], queue.Batches[1]);
        Assert.Equal(AttemptRecorder.MaxSoloTries, queue.Batches.Count(b => b is [var only] && only == x.Execution.Id));
        Assert.False(health.IsDegraded);

        Assert.Equal(("SUCCEEDED", 1), await _api.OnlyExecutionAsync("y"));
        Assert.Equal(("RUNNING", 0), await _api.OnlyExecutionAsync("x"));
        var parked = Assert.Single(_server.Logs.Entries, e => e.EventId == 17 && e.Category == typeof(AttemptRecorder).FullName);
        Assert.Equal(LogLevel.Error, parked.Level);
        Assert.Contains(x.Execution.Id, parked.Message, StringComparison.Ordinal);
        Assert.Contains(x.Job.Name.FullName, parked.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_target.BaseUrl, _server.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordAsync_BatchWithoutFaults_OneCommitRecordsAll()
    {
        var claims = await ManualClaims.RunAndClaimAsync(_server, _target, "first", "a", "b");
        var queue = new FaultyDispatchQueue(_server.Services.GetRequiredService<IDispatchQueue>());
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        queue.Gate = gate.Task;
        await using var recorder = NewRecorder(queue, new StoreHealth());

        var recorded = new[] { recorder.RecordAsync(Succeeded(claims[0])) };
        await queue.AtGate.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        recorded = [.. recorded, .. claims.Skip(1).Select(c => recorder.RecordAsync(Succeeded(c)))];
        gate.SetResult();

        Assert.All(await Task.WhenAll(recorded).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken), r => Assert.Equal(RecordOutcome.Recorded, r));
        Assert.Equal(2, queue.Batches.Count);
        Assert.Equal(("SUCCEEDED", 1), await _api.OnlyExecutionAsync("b"));
    }

    /// <summary>A successful answer to <paramref name="claim"/>, as <see cref="DeliveryRunner"/> makes it.</summary>
    internal static AttemptResult Succeeded(ClaimedAttempt claim)
    {
        var now = claim.LeaseUntil.AddSeconds(-20);
        var outcome = new AttemptOutcome(now, TimeSpan.FromMilliseconds(5), 200, null);
        return new AttemptResult(
            claim.Execution.Id, claim.Job.Name, claim.AttemptNumber, claim.Epoch, now, outcome.Duration, 200, null, true, null, AttemptStatus.From(outcome), now);
    }

    private AttemptRecorder NewRecorder(IDispatchQueue queue, StoreHealth health) => new(
        queue, _server.Services.GetRequiredService<IStoreFaults>(), health, TimeProvider.System,
        _server.Services.GetRequiredService<IHostApplicationLifetime>(), _server.Services.GetRequiredService<ILogger<AttemptRecorder>>());
}
