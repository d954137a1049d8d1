using Belfry.Contracts.Channels;
using Belfry.Contracts.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Belfry.Server.Api.Channels;

/// <summary>Belfry extension: notification channels, <c>/v1/projects/*/locations/*/channels</c> (docs/notifications.md).</summary>
internal static class ChannelsEndpoints
{
    private const string Api = "channels";
    private const string Verbs = ":test";

    public static void MapChannelsApi(this IEndpointRouteBuilder routes)
    {
        var channels = routes.MapGroup("/v1/projects/{project}/locations/{location}/channels");
        channels.MapStandardMethods(ChannelCommands.Resource);
        channels.MapPost("/{channelAndVerb}", ActAsync);
    }

    private static async Task<JsonHttpResult<TestChannelResponse>> ActAsync(
        string project, string location, string channelAndVerb, HttpRequest request, ChannelCommands commands, CancellationToken cancellationToken)
    {
        // Unlike the jobs API, an unknown verb is answered before the id is checked, naming the whole path.
        var (id, verb) = CustomVerb.Split(channelAndVerb, request, Api, Verbs);
        if (verb != "test")
        {
            throw CustomVerb.NotAMethod(request, Api, Verbs);
        }

        var name = ApiNames.Channel(project, location, id);
        await RequestBody.ReadAsync(request, BelfryJsonContext.Default.TestChannelRequest, cancellationToken).ConfigureAwait(false);
        var result = await commands.TestAsync(name, cancellationToken).ConfigureAwait(false);
        return TypedResults.Json(result, BelfryJsonContext.Default.TestChannelResponse);
    }
}
