using System.Text.Json.Serialization;

namespace Belfry.AspNetCore.Endpoints;

/// <summary>Source-generated JSON for the endpoint answers: camelCase, absent fields left out.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(BatchResponse))]
internal sealed partial class BatchJsonContext : JsonSerializerContext;
