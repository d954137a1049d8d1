using Belfry.Contracts.Channels;
using Belfry.Contracts.Serialization;
using Belfry.Core.Jobs;
using Belfry.Core.Notifications;
using Belfry.Core.Storage;
using Belfry.Notifications.Delivery;
using Belfry.Notifications.Secrets;
using Belfry.Server.Egress;
using Belfry.Server.Notifications;
using Microsoft.Extensions.Options;

namespace Belfry.Server.Api.Channels;

/// <summary>What the channels API does: create, update under a mask, delete, and <c>:test</c> (one send, no queue).</summary>
internal sealed class ChannelCommands(
    IChannelStore store, ChannelEndpointResolver endpoints, NotificationComposer composer, NotificationSender sender,
    SecretResolver secrets, TimeProvider time, IOptions<NotificationOptions> options, EgressPolicy egress)
    : IResourceCommands<ChannelName, Channel, ChannelResource, ListChannelsResponse>
{
    private static readonly NameResolver<ChannelName> Names = new()
    {
        TryParse = ChannelName.TryParse,
        ParentOf = n => n.Parent,
        Form = "a channel name of the form projects/PROJECT/locations/LOCATION/channels/CHANNEL_ID (letters, digits, hyphens, underscores; at most 100)",
        Missing = "name: required (or the channelId query parameter).",
        IdParameter = "channelId",
        IdOf = n => n.ChannelId,
        FromId = (parent, id) => ApiNames.Channel(parent.Project, parent.Location, id),
    };

    public static readonly ApiResource<ChannelCommands, ChannelName, Channel, ChannelResource, ListChannelsResponse> Resource = new(
        "channel", "channel", "channel", ApiNames.Channel, BelfryJsonContext.Default.ChannelResource, ChannelMapper.ToResource,
        BelfryJsonContext.Default.ListChannelsResponse) { IdParameter = Names.IdParameter, DefaultPageSize = 100 };

    // Applied by UpdateAsync itself: each field is validated on its way to the stored channel, whose secrets never go back to the wire.
    private static readonly FieldMask<ChannelResource> Fields =
        new FieldMask<ChannelResource>(raw => $"updateMask: \"{raw}\" is not a field of Channel that can be updated (displayName, webhookUrl, secret).")
            .Field("displayName", p => p.DisplayName)
            .Field("webhookUrl", p => p.WebhookUrl)
            .Field("secret", p => p.Secret);

    public async Task<Channel> CreateAsync(LocationName parent, ChannelResource resource, string? channelId, CancellationToken cancellationToken)
    {
        var name = Names.Resolve(parent, resource.Name, channelId);
        var channel = Created(name, resource, time.GetUtcNow());
        await Resource.CreateAsync(() => store.CreateChannelAsync(channel, cancellationToken), name).ConfigureAwait(false);
        return channel;
    }

    /// <summary>A new channel (create, and a change set's create).</summary>
    public Channel Created(ChannelName name, ChannelResource resource, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var kind = ChannelValidator.Kind(resource.Type);
        return new Channel
        {
            Name = name,
            Kind = kind,
            DisplayName = ChannelValidator.DisplayName(resource.DisplayName),
            WebhookUrl = WebhookUrl(resource.WebhookUrl),
            SigningSecret = ChannelValidator.SigningSecret(resource.Secret, kind, secrets.Scope),
            CreateTime = now,
            UpdateTime = now,
        };
    }

    /// <summary>
    /// <paramref name="current"/> with every field of <paramref name="resource"/> (a change set's update): absent
    /// fields are cleared, as a whole-resource write means. The type cannot change.
    /// </summary>
    public Channel Replaced(Channel current, ChannelResource resource, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(resource);
        EnsureSameKind(current, resource.Type);
        return current with
        {
            DisplayName = ChannelValidator.DisplayName(resource.DisplayName),
            WebhookUrl = WebhookUrl(resource.WebhookUrl),
            SigningSecret = ChannelValidator.SigningSecret(resource.Secret, current.Kind, secrets.Scope),
            UpdateTime = now,
        };
    }

    public async Task<ListChannelsResponse> ListAsync(LocationName parent, int pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        var page = await store.ListChannelsAsync(parent, pageSize, pageToken, cancellationToken).ConfigureAwait(false);
        return new ListChannelsResponse { Channels = [.. page.Channels.Select(ChannelMapper.ToResource)], NextPageToken = page.NextPageToken };
    }

    public Task<Channel> GetAsync(ChannelName name, CancellationToken cancellationToken) => Resource.FoundAsync(store.GetChannelAsync(name, cancellationToken), name);

    public async Task<Channel> UpdateAsync(ChannelName name, ChannelResource patch, string? updateMask, CancellationToken cancellationToken)
    {
        Resource.EnsureSameName(patch.Name, name);
        var current = await GetAsync(name, cancellationToken).ConfigureAwait(false);
        EnsureSameKind(current, patch.Type);

        var next = current;
        foreach (var path in Fields.Paths(patch, updateMask))
        {
            next = path switch
            {
                "displayName" => next with { DisplayName = ChannelValidator.DisplayName(patch.DisplayName) },
                "webhookUrl" => next with { WebhookUrl = WebhookUrl(patch.WebhookUrl) },
                _ => next with { SigningSecret = ChannelValidator.SigningSecret(patch.Secret, current.Kind, secrets.Scope) },
            };
        }

        next = next with { UpdateTime = time.GetUtcNow() };
        return await store.UpdateChannelAsync(next, cancellationToken).ConfigureAwait(false) ? next : throw Resource.NotFound(name);
    }

    public Task DeleteAsync(ChannelName name, CancellationToken cancellationToken) =>
        Resource.DeleteAsync(store.DeleteChannelAsync(name, cancellationToken), name);

    /// <summary>Sends one test message now, without the outbox or retries, and says what the receiver answered.</summary>
    public async Task<TestChannelResponse> TestAsync(ChannelName name, CancellationToken cancellationToken)
    {
        var channel = await GetAsync(name, cancellationToken).ConfigureAwait(false);
        ChannelEndpoint endpoint;
        try
        {
            endpoint = endpoints.Resolve(channel);
        }
        catch (SecretUnavailableException e)
        {
            throw ApiException.FailedPrecondition(e.Message);
        }

        var now = time.GetUtcNow();
        var id = Guid.CreateVersion7(now).ToString("N");
        var notification = composer.Compose(id, new NotificationEvent { Kind = NotificationEventKind.Test, Time = now }, name.ChannelId);
        var result = await sender.SendAsync(endpoint, notification, options.Value.Timeout, cancellationToken).ConfigureAwait(false);
        return new TestChannelResponse
        {
            Delivered = result.Outcome == DeliveryOutcome.Delivered,
            StatusCode = result.StatusCode,
            Error = result.Error,
            EventId = id,
        };
    }

    private static void EnsureSameKind(Channel current, ChannelTypeWire? type)
    {
        if (type is { } given && given != ChannelMapper.ToWire(current.Kind))
        {
            throw ApiException.InvalidArgument("type: a channel's type cannot change; delete the channel and create it again.");
        }
    }

    /// <summary>A URL given inline whose host is a denied literal address is refused at once; a reference is checked when sent.</summary>
    private ChannelSecret WebhookUrl(string? text)
    {
        var url = ChannelValidator.WebhookUrl(text, secrets.Scope);
        if (url.Source == SecretSource.Stored && egress.RefusalOfLiteral(new Uri(url.Value)) is { } refusal)
        {
            // The URL is not repeated: it may carry a token.
            throw ApiException.InvalidArgument($"webhookUrl: {refusal} (Belfry:Egress, docs/security.md).");
        }

        return url;
    }
}
