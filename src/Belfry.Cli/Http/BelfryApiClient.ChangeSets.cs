using System.Text.Json.Nodes;
using Belfry.Contracts.ChangeSets;
using Belfry.Contracts.Serialization;

namespace Belfry.Cli.Http;

internal sealed partial class BelfryApiClient
{
    /// <summary><c>POST /v1/changeSets:apply</c>: every change or none; with validateOnly, what would be written.</summary>
    public Task<JsonNode> ApplyChangeSetAsync(ChangeSetRequest request, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, "v1/changeSets:apply", Serialize(request, BelfryJsonContext.Default.ChangeSetRequest), cancellationToken);
}
