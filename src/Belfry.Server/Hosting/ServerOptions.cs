using System.ComponentModel.DataAnnotations;

namespace Belfry.Server.Hosting;

/// <summary>Settings of <c>belfry serve</c>, bound from the <c>Belfry</c> configuration section.</summary>
internal sealed class ServerOptions
{
    public const string SectionName = "Belfry";

    /// <summary>Where the embedded store lives; default <c>./.belfry</c>.</summary>
    [Required]
    public string DataDirectory { get; set; } = ".belfry";

    /// <summary>Locations listed by <c>GET /v1/projects/*/locations</c>; jobs may use any location id.</summary>
    public IList<string> Locations { get; } = ["local"];
}
