using Belfry.Core.Jobs;

namespace Belfry.Core.Storage;

internal sealed class JobAlreadyExistsException(JobName name) : Exception($"Job {name.FullName} already exists.")
{
    public JobName JobName { get; } = name;
}
