using System.Text.Json.Serialization;

namespace Belfry.Contracts.Jobs;

/// <summary>What happens to times missed while the server was down.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CatchUpPolicyWire>))]
public enum CatchUpPolicyWire
{
    /// <summary>The latest missed time within the window fires once.</summary>
    [JsonStringEnumMemberName("LATEST")] Latest = 0,
    /// <summary>Every missed time within the window fires.</summary>
    [JsonStringEnumMemberName("ALL")] All = 1,
    /// <summary>None fires.</summary>
    [JsonStringEnumMemberName("NONE")] None = 2,
}
