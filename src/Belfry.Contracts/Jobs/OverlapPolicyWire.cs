using System.Text.Json.Serialization;

namespace Belfry.Contracts.Jobs;

/// <summary>What a scheduled time does while an execution is outstanding.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OverlapPolicyWire>))]
public enum OverlapPolicyWire
{
    /// <summary>Wait; several waiting times coalesce into one (Cloud Scheduler's rule).</summary>
    [JsonStringEnumMemberName("COALESCE")] Coalesce = 0,
    /// <summary>Drop the new time, recorded as skipped.</summary>
    [JsonStringEnumMemberName("SKIP")] Skip = 1,
    /// <summary>Run alongside.</summary>
    [JsonStringEnumMemberName("ALLOW")] Allow = 2,
}
