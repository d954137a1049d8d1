using Belfry.Contracts.Executions;
using Belfry.Contracts.Serialization;
using Belfry.Core.Storage;
using Belfry.Server.Api.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Belfry.Server.Api.Executions;

/// <summary>Belfry extension: <c>GET /v1/projects/*/locations/*/jobs/*/executions</c>, newest first, with attempts.</summary>
internal static class ExecutionsEndpoints
{
    private const int DefaultPageSize = 50;

    public static async Task<JsonHttpResult<ListExecutionsResponse>> ListAsync(
        string project, string location, string job, int? pageSize, string? pageToken, JobCommands commands, IExecutionStore store,
        CancellationToken cancellationToken)
    {
        var name = ApiNames.Job(project, location, job);
        await commands.GetAsync(name, cancellationToken).ConfigureAwait(false);
        var page = await store.ListExecutionsAsync(name, Paging.Size(pageSize, DefaultPageSize), Paging.Token(pageToken), cancellationToken).ConfigureAwait(false);
        var response = new ListExecutionsResponse { Executions = page.Executions.Select(ExecutionMapper.ToResource).ToList(), NextPageToken = page.NextPageToken };
        return TypedResults.Json(response, BelfryJsonContext.Default.ListExecutionsResponse);
    }
}
