namespace Belfry.Contracts.Jobs;

/// <summary>Body of <c>:pause</c>, <c>:resume</c> and <c>:run</c>: <c>{}</c> or <c>{"name": …}</c>.</summary>
public sealed class JobActionRequest
{
    /// <summary>Optional; when given it must equal the job in the path.</summary>
    public string? Name { get; set; }
}
