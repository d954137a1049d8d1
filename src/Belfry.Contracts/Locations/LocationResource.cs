namespace Belfry.Contracts.Locations;

/// <summary>A google.cloud.location.Location.</summary>
public sealed class LocationResource
{
    /// <summary><c>projects/{project}/locations/{location}</c>.</summary>
    public string? Name { get; set; }

    /// <summary>The location id.</summary>
    public string? LocationId { get; set; }

    /// <summary>Human-readable name.</summary>
    public string? DisplayName { get; set; }
}
