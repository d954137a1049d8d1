using System.Diagnostics.CodeAnalysis;
using Belfry.Core.Jobs;

namespace Belfry.Core.Alerts;

/// <summary>An alert policy's resource name: <c>projects/{project}/locations/{location}/alertPolicies/{policy}</c>.</summary>
internal sealed record AlertPolicyName(string Project, string Location, string PolicyId)
{
    public const string Collection = "alertPolicies";

    public string FullName => $"projects/{Project}/locations/{Location}/{Collection}/{PolicyId}";

    public LocationName Parent => new(Project, Location);

    public override string ToString() => FullName;

    public static bool TryParse(string? value, [NotNullWhen(true)] out AlertPolicyName? name)
    {
        name = ResourceNames.TrySplit(value, Collection, out var project, out var location, out var id) ? new AlertPolicyName(project, location, id) : null;
        return name is not null;
    }
}
