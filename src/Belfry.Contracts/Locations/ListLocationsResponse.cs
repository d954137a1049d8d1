namespace Belfry.Contracts.Locations;

/// <summary>Locations of a project.</summary>
public sealed class ListLocationsResponse
{
    /// <summary>The locations.</summary>
    public List<LocationResource> Locations { get; set; } = [];

    /// <summary>Always absent: one page.</summary>
    public string? NextPageToken { get; set; }
}
