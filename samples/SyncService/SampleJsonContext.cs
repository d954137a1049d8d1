using System.Text.Json.Serialization;

namespace SyncService;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(SampleStatus))]
internal sealed partial class SampleJsonContext : JsonSerializerContext;
