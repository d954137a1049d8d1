using Belfry.Contracts.Jobs;

namespace Belfry.Cli.Scheduler;

/// <summary>A PATCH: the body carries the changed fields only; a cleared field is in the mask and not in the body.</summary>
internal sealed record JobUpdateRequest(JobResource Body, IReadOnlyList<string> UpdateMask)
{
    public string UpdateMaskText => string.Join(',', UpdateMask);
}
