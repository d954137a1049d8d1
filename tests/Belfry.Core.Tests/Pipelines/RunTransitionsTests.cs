using Belfry.Core.Executions;
using Belfry.Core.Jobs;
using Belfry.Core.Pipelines;
using Belfry.Core.Storage;

namespace Belfry.Core.Tests.Pipelines;

/// <summary>Which runs <c>:resume</c> and <c>:cancel</c> may change.</summary>
public sealed class RunTransitionsTests
{
    private static readonly PipelineName Nightly = new("p", "l", "nightly");

    private static PipelineRun Run(string state) => new()
    {
        Id = "r1",
        Pipeline = Nightly,
        ScheduleTime = new DateTimeOffset(2027, 3, 1, 6, 0, 0, TimeSpan.Zero),
        Trigger = ExecutionTrigger.Scheduled,
        State = Enum.Parse<PipelineRunState>(state),
        CreateTime = new DateTimeOffset(2027, 3, 1, 6, 0, 0, TimeSpan.Zero),
    };

    // state, may resume, may cancel
    [Theory]
    [InlineData("Running", false, true)]
    [InlineData("Succeeded", false, false)]
    [InlineData("Failed", true, false)]
    [InlineData("Cancelled", true, false)]
    public void Ensure_ByRunState_ResumeFailedOrCancelledCancelRunning(string state, bool resumable, bool cancellable)
    {
        var resume = Record.Exception(() => RunTransitions.EnsureResumable(Run(state)));
        var cancel = Record.Exception(() => RunTransitions.EnsureCancellable(Run(state)));

        Assert.Equal(resumable, resume is null);
        Assert.Equal(cancellable, cancel is null);
        if (resume is not null)
        {
            Assert.Equal($"Run r1 is {state.ToUpperInvariant()}; only a FAILED or CANCELLED run can be resumed.", Assert.IsType<PipelineRunConflictException>(resume).Message);
        }
    }

    // overlap policy, running runs, may resume
    [Theory]
    [InlineData("Coalesce", 0, true)]
    [InlineData("Coalesce", 1, false)]
    [InlineData("Skip", 1, false)]
    [InlineData("Allow", 1, true)]
    [InlineData("Allow", 0, true)]
    public void EnsureNoOverlap_ByPolicyAndRunningRuns_OnlyAllowOverlaps(string policy, int running, bool allowed)
    {
        var error = Record.Exception(() => RunTransitions.EnsureNoOverlap(Nightly, Enum.Parse<OverlapPolicy>(policy), running));

        Assert.Equal(allowed, error is null);
        if (error is not null)
        {
            Assert.Contains("Another run of nightly is running", Assert.IsType<PipelineRunConflictException>(error).Message, StringComparison.Ordinal);
        }
    }
}
