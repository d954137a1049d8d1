namespace Belfry.Server.Api.AlertPolicies;

/// <summary>Belfry extension: alert policies, <c>/v1/projects/*/locations/*/alertPolicies</c> (docs/notifications.md).</summary>
internal static class AlertPoliciesEndpoints
{
    public static void MapAlertPoliciesApi(this IEndpointRouteBuilder routes) =>
        routes.MapGroup("/v1/projects/{project}/locations/{location}/alertPolicies").MapStandardMethods(AlertPolicyCommands.Resource);
}
