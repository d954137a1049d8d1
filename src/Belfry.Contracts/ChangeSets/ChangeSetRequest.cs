namespace Belfry.Contracts.ChangeSets;

/// <summary>Belfry extension: the body of <c>POST /v1/changeSets:apply</c>, writes applied all together or not at all.</summary>
public sealed class ChangeSetRequest
{
    /// <summary>The writes, at most one per resource.</summary>
    public List<ResourceChangeResource>? Changes { get; set; }

    /// <summary>Validate every change and answer what would be written, writing nothing (<c>belfry plan</c>).</summary>
    public bool? ValidateOnly { get; set; }
}
