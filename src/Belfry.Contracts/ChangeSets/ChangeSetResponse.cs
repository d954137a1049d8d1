namespace Belfry.Contracts.ChangeSets;

/// <summary>
/// Belfry extension: the answer of <c>POST /v1/changeSets:apply</c>: each change in the request's order with the
/// resource as it was (or, validating only, would be) written, defaults filled in; a delete carries none.
/// </summary>
public sealed class ChangeSetResponse
{
    public List<ResourceChangeResource>? Changes { get; set; }

    /// <summary>True when the changes were written; false when only validated.</summary>
    public bool Applied { get; set; }
}
