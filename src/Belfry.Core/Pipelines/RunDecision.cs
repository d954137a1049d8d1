namespace Belfry.Core.Pipelines;

/// <summary>
/// What a run does next: steps to dispatch now (all they depend on succeeded), steps that will never run (something
/// they depend on failed or was cancelled), and the run's outcome once nothing is left to run (null: still running).
/// </summary>
internal sealed record RunDecision(IReadOnlyList<string> Dispatch, IReadOnlyList<string> NotRun, PipelineRunState? Outcome);
