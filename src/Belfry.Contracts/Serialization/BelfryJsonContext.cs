using System.Text.Json;
using System.Text.Json.Serialization;
using Belfry.Contracts.Alerts;
using Belfry.Contracts.ChangeSets;
using Belfry.Contracts.Channels;
using Belfry.Contracts.Common;
using Belfry.Contracts.Executions;
using Belfry.Contracts.Identity;
using Belfry.Contracts.Jobs;
using Belfry.Contracts.Locations;
using Belfry.Contracts.Nodes;
using Belfry.Contracts.Pipelines;
using Belfry.Contracts.Reports;

namespace Belfry.Contracts.Serialization;

/// <summary>
/// Source-generated JSON for every wire type: camelCase, nulls left out, unknown fields refused (a request with a
/// misspelt field must fail, not be half applied). Readers of server answers use <see cref="Lenient"/>.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    Converters = [typeof(UtcTimestampConverter)])]
[JsonSerializable(typeof(JobResource))]
[JsonSerializable(typeof(ListJobsResponse))]
[JsonSerializable(typeof(JobActionRequest))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(EmptyResponse))]
[JsonSerializable(typeof(ListExecutionsResponse))]
[JsonSerializable(typeof(ListLocationsResponse))]
[JsonSerializable(typeof(LocationResource))]
[JsonSerializable(typeof(SigningKeyResource))]
[JsonSerializable(typeof(ListSigningKeysResponse))]
[JsonSerializable(typeof(RotateSigningKeyRequest))]
[JsonSerializable(typeof(GenerateIdTokenRequest))]
[JsonSerializable(typeof(GenerateIdTokenResponse))]
[JsonSerializable(typeof(JsonWebKeySetResource))]
[JsonSerializable(typeof(OpenIdConfigurationResource))]
[JsonSerializable(typeof(ChannelResource))]
[JsonSerializable(typeof(ListChannelsResponse))]
[JsonSerializable(typeof(TestChannelRequest))]
[JsonSerializable(typeof(TestChannelResponse))]
[JsonSerializable(typeof(AlertPolicyResource))]
[JsonSerializable(typeof(ListAlertPoliciesResponse))]
[JsonSerializable(typeof(PipelineResource))]
[JsonSerializable(typeof(ListPipelinesResponse))]
[JsonSerializable(typeof(PipelineRunResource))]
[JsonSerializable(typeof(ListPipelineRunsResponse))]
[JsonSerializable(typeof(NodeResource))]
[JsonSerializable(typeof(ListNodesResponse))]
[JsonSerializable(typeof(RunReportResponse))]
[JsonSerializable(typeof(ChangeSetRequest))]
[JsonSerializable(typeof(ChangeSetResponse))]
public sealed partial class BelfryJsonContext : JsonSerializerContext
{
    private static readonly Lazy<BelfryJsonContext> LenientInstance = new(() =>
        new BelfryJsonContext(new JsonSerializerOptions(BelfryJsonContext.Default!.Options) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip }));

    /// <summary>The same types, skipping unknown fields: for clients reading a possibly newer server.</summary>
    public static BelfryJsonContext Lenient => LenientInstance.Value;
}
