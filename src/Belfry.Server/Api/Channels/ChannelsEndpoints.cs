using Belfry.Contracts.Channels;
using Belfry.Contracts.Common;
using Belfry.Contracts.Serialization;
using Belfry.Core.Notifications;
using Belfry.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Belfry.Server.Api.Channels;

/// <summary>Belfry extension: notification channels, <c>/v1/projects/*/locations/*/channels</c> (docs/notifications.md).</summary>
internal static class ChannelsEndpoints
{
    private const int DefaultPageSize = 100;

    public static void MapChannelsApi(this IEndpointRouteBuilder routes)
    {
        var channels = routes.MapGroup("/v1/projects/{project}/locations/{location}/channels");
        channels.MapPost("", CreateAsync);
        channels.MapGet("", ListAsync);
        channels.MapGet("/{channel}", GetAsync);
        channels.MapPatch("/{channel}", UpdateAsync);
        channels.MapDelete("/{channel}", DeleteAsync);
        channels.MapPost("/{channelAndVerb}", ActAsync);
    }

    private static async Task<JsonHttpResult<ChannelResource>> CreateAsync(
        string project, string location, string? channelId, HttpRequest request, ChannelCommands commands, CancellationToken cancellationToken)
    {
        var resource = await RequestBody.ReadAsync(request, BelfryJsonContext.Default.ChannelResource, cancellationToken).ConfigureAwait(false)
            ?? throw ApiException.InvalidArgument("channel: a request body is required.");
        return Json(await commands.CreateAsync(ApiNames.Location(project, location), resource, channelId, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<JsonHttpResult<ListChannelsResponse>> ListAsync(
        string project, string location, int? pageSize, string? pageToken, IChannelStore store, CancellationToken cancellationToken)
    {
        var page = await store.ListChannelsAsync(ApiNames.Location(project, location), Paging.Size(pageSize, DefaultPageSize), Paging.Token(pageToken),
            cancellationToken).ConfigureAwait(false);
        var response = new ListChannelsResponse { Channels = [.. page.Channels.Select(ChannelMapper.ToResource)], NextPageToken = page.NextPageToken };
        return TypedResults.Json(response, BelfryJsonContext.Default.ListChannelsResponse);
    }

    private static async Task<JsonHttpResult<ChannelResource>> GetAsync(
        string project, string location, string channel, ChannelCommands commands, CancellationToken cancellationToken) =>
        Json(await commands.GetAsync(ApiNames.Channel(project, location, channel), cancellationToken).ConfigureAwait(false));

    private static async Task<JsonHttpResult<ChannelResource>> UpdateAsync(
        string project, string location, string channel, string? updateMask, HttpRequest request, ChannelCommands commands, CancellationToken cancellationToken)
    {
        var name = ApiNames.Channel(project, location, channel);
        var patch = await RequestBody.ReadAsync(request, BelfryJsonContext.Default.ChannelResource, cancellationToken).ConfigureAwait(false)
            ?? throw ApiException.InvalidArgument("channel: a request body is required.");
        return Json(await commands.UpdateAsync(name, patch, updateMask, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<JsonHttpResult<EmptyResponse>> DeleteAsync(
        string project, string location, string channel, ChannelCommands commands, CancellationToken cancellationToken)
    {
        await commands.DeleteAsync(ApiNames.Channel(project, location, channel), cancellationToken).ConfigureAwait(false);
        return TypedResults.Json(new EmptyResponse(), BelfryJsonContext.Default.EmptyResponse);
    }

    private static async Task<JsonHttpResult<TestChannelResponse>> ActAsync(
        string project, string location, string channelAndVerb, HttpRequest request, ChannelCommands commands, CancellationToken cancellationToken)
    {
        var colon = channelAndVerb.LastIndexOf(':');
        if (colon < 0 || channelAndVerb[(colon + 1)..] != "test")
        {
            throw ApiException.NotFound($"POST {request.Path} is not a method of the channels API; use :test.");
        }

        var name = ApiNames.Channel(project, location, channelAndVerb[..colon]);
        await RequestBody.ReadAsync(request, BelfryJsonContext.Default.TestChannelRequest, cancellationToken).ConfigureAwait(false);
        var result = await commands.TestAsync(name, cancellationToken).ConfigureAwait(false);
        return TypedResults.Json(result, BelfryJsonContext.Default.TestChannelResponse);
    }

    private static JsonHttpResult<ChannelResource> Json(Channel channel) =>
        TypedResults.Json(ChannelMapper.ToResource(channel), BelfryJsonContext.Default.ChannelResource);
}
