using System.Text.Json.Serialization;

namespace Belfry.Contracts.Jobs;

/// <summary>Cloud Scheduler v1 <c>HttpMethod</c>; read as a name or a number, written as a name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<HttpMethodWire>))]
public enum HttpMethodWire
{
    /// <summary>Not set; means POST.</summary>
    [JsonStringEnumMemberName("HTTP_METHOD_UNSPECIFIED")] Unspecified = 0,
    /// <summary>POST.</summary>
    [JsonStringEnumMemberName("POST")] Post = 1,
    /// <summary>GET.</summary>
    [JsonStringEnumMemberName("GET")] Get = 2,
    /// <summary>HEAD.</summary>
    [JsonStringEnumMemberName("HEAD")] Head = 3,
    /// <summary>PUT.</summary>
    [JsonStringEnumMemberName("PUT")] Put = 4,
    /// <summary>DELETE.</summary>
    [JsonStringEnumMemberName("DELETE")] Delete = 5,
    /// <summary>PATCH.</summary>
    [JsonStringEnumMemberName("PATCH")] Patch = 6,
    /// <summary>OPTIONS.</summary>
    [JsonStringEnumMemberName("OPTIONS")] Options = 7,
}
