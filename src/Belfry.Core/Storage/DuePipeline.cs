using Belfry.Core.Pipelines;

namespace Belfry.Core.Storage;

/// <summary>A pipeline whose schedule time has come, with its Running runs and the time waiting for them (Coalesce).</summary>
internal sealed record DuePipeline(Pipeline Pipeline, int OutstandingRuns, DateTimeOffset? DeferredTime);
