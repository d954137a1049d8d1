using Belfry.Contracts.Alerts;
using Belfry.Contracts.Common;
using Belfry.Contracts.Serialization;
using Belfry.Core.Alerts;
using Belfry.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Belfry.Server.Api.AlertPolicies;

/// <summary>Belfry extension: alert policies, <c>/v1/projects/*/locations/*/alertPolicies</c> (docs/notifications.md).</summary>
internal static class AlertPoliciesEndpoints
{
    private const int DefaultPageSize = 100;

    public static void MapAlertPoliciesApi(this IEndpointRouteBuilder routes)
    {
        var policies = routes.MapGroup("/v1/projects/{project}/locations/{location}/alertPolicies");
        policies.MapPost("", CreateAsync);
        policies.MapGet("", ListAsync);
        policies.MapGet("/{policy}", GetAsync);
        policies.MapPatch("/{policy}", UpdateAsync);
        policies.MapDelete("/{policy}", DeleteAsync);
    }

    private static async Task<JsonHttpResult<AlertPolicyResource>> CreateAsync(
        string project, string location, string? alertPolicyId, HttpRequest request, AlertPolicyCommands commands, CancellationToken cancellationToken)
    {
        var resource = await RequestBody.ReadAsync(request, BelfryJsonContext.Default.AlertPolicyResource, cancellationToken).ConfigureAwait(false)
            ?? throw ApiException.InvalidArgument("alertPolicy: a request body is required.");
        return Json(await commands.CreateAsync(ApiNames.Location(project, location), resource, alertPolicyId, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<JsonHttpResult<ListAlertPoliciesResponse>> ListAsync(
        string project, string location, int? pageSize, string? pageToken, IAlertPolicyStore store, CancellationToken cancellationToken)
    {
        var page = await store.ListAlertPoliciesAsync(ApiNames.Location(project, location), Paging.Size(pageSize, DefaultPageSize), Paging.Token(pageToken),
            cancellationToken).ConfigureAwait(false);
        var response = new ListAlertPoliciesResponse { AlertPolicies = [.. page.Policies.Select(AlertPolicyMapper.ToResource)], NextPageToken = page.NextPageToken };
        return TypedResults.Json(response, BelfryJsonContext.Default.ListAlertPoliciesResponse);
    }

    private static async Task<JsonHttpResult<AlertPolicyResource>> GetAsync(
        string project, string location, string policy, AlertPolicyCommands commands, CancellationToken cancellationToken) =>
        Json(await commands.GetAsync(ApiNames.AlertPolicy(project, location, policy), cancellationToken).ConfigureAwait(false));

    private static async Task<JsonHttpResult<AlertPolicyResource>> UpdateAsync(
        string project, string location, string policy, string? updateMask, HttpRequest request, AlertPolicyCommands commands, CancellationToken cancellationToken)
    {
        var name = ApiNames.AlertPolicy(project, location, policy);
        var patch = await RequestBody.ReadAsync(request, BelfryJsonContext.Default.AlertPolicyResource, cancellationToken).ConfigureAwait(false)
            ?? throw ApiException.InvalidArgument("alertPolicy: a request body is required.");
        return Json(await commands.UpdateAsync(name, patch, updateMask, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<JsonHttpResult<EmptyResponse>> DeleteAsync(
        string project, string location, string policy, AlertPolicyCommands commands, CancellationToken cancellationToken)
    {
        await commands.DeleteAsync(ApiNames.AlertPolicy(project, location, policy), cancellationToken).ConfigureAwait(false);
        return TypedResults.Json(new EmptyResponse(), BelfryJsonContext.Default.EmptyResponse);
    }

    private static JsonHttpResult<AlertPolicyResource> Json(AlertPolicy policy) =>
        TypedResults.Json(AlertPolicyMapper.ToResource(policy), BelfryJsonContext.Default.AlertPolicyResource);
}
