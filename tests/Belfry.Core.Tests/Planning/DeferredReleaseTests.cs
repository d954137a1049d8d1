using Belfry.Core.Executions;
using Belfry.Core.Jobs;
using Belfry.Core.Planning;

namespace Belfry.Core.Tests.Planning;

/// <summary>Overlap policy Coalesce: when the deferred time of a job (or pipeline) starts.</summary>
public sealed class DeferredReleaseTests
{
    private static readonly DateTimeOffset Deferred = new(2027, 3, 1, 6, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = Deferred.AddMinutes(7);

    // state, deferred time present, something outstanding, starts
    [Theory]
    [InlineData("Enabled", true, false, true)]
    [InlineData("Enabled", true, true, false)]
    [InlineData("Enabled", false, false, false)]
    [InlineData("Enabled", false, true, false)]
    [InlineData("Paused", true, false, false)]
    [InlineData("Disabled", true, false, false)]
    [InlineData("UpdateFailed", true, false, false)]
    public void Decide_StateDeferredAndOutstanding_StartsOnlyWhenEnabledAndNothingOutstanding(string state, bool deferred, bool outstanding, bool starts)
    {
        var release = DeferredRelease.Decide(Enum.Parse<JobState>(state), deferred ? Deferred : null, outstanding, Now);

        Assert.Equal(starts ? new NewExecution(Deferred, ExecutionTrigger.Scheduled, Now) : null, release);
    }
}
