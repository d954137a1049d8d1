using Belfry.Core.Jobs;

namespace Belfry.Core.Storage;

internal sealed class JobNotFoundException(JobName name) : Exception($"Job {name.FullName} not found.")
{
    public JobName JobName { get; } = name;
}
