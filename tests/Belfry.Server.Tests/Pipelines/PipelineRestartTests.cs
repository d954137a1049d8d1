using Belfry.Core.Storage;
using Belfry.Server.Tests.Infrastructure;
using Belfry.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Belfry.Server.Tests.Pipelines;

/// <summary>
/// A server that stops in the middle of a run (here: with merge's attempt claimed and never recorded, as after a
/// kill -9) and a new server on the same data directory: the run continues, fetch is not sent again, merge is
/// retaken with a higher epoch. The kill itself is in Belfry.EndToEnd.Tests.
/// </summary>
public sealed class PipelineRestartTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private BelfryServerFactory _server = new(start: Start);
    private RecordingTarget _target = null!;

    public async ValueTask InitializeAsync() => _target = await RecordingTarget.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _target.DisposeAsync();
    }

    [Fact]
    public async Task Restart_MidRun_ContinuesWithoutRepeatingSucceededSteps()
    {
        var api = new ApiClient(_server.CreateClient());
        await api.CreatePipelineAsync("daily-pipeline",
            PipelineApi.Step("fetch", _target.Url("/pipeline/step1")) + "," +
            PipelineApi.Step("merge", _target.Url("/pipeline/step2"), "fetch") + "," +
            PipelineApi.Step("report", _target.Url("/pipeline/step3"), "merge"));
        var (_, run) = await api.RunPipelineAsync("daily-pipeline");
        await _server.DispatchAsync();
        Assert.Single(_target.Requests);

        // merge is claimed (its attempt "in flight") and the process dies before recording it.
        var store = _server.Services.GetRequiredService<IDispatchQueue>();
        var claimed = Assert.Single(await store.ClaimDueAttemptsAsync(Start, 10, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        Assert.Equal("merge", claimed.Step?.StepId);
        await _server.DisposeAsync();

        _server = new BelfryServerFactory(_server.DataDirectory, Start.AddSeconds(1));
        api = new ApiClient(_server.CreateClient());
        await _server.DispatchAsync();
        await _server.DispatchAsync();

        Assert.Equal(["/pipeline/step1", "/pipeline/step2", "/pipeline/step3"], _target.Requests.Select(r => r.Path));
        Assert.Equal("2", _target.Requests[1].Header("X-Belfry-Epoch"));
        Assert.Equal("2", _target.Requests[1].Header("X-Belfry-Attempt"));
        var (_, done) = await api.GetRunAsync("daily-pipeline", PipelineApi.RunId(run));
        Assert.Equal("SUCCEEDED", (string?)done["state"]);
    }
}
