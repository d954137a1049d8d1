using System.Data.Common;
using Belfry.Core.Notifications;

namespace Belfry.Storage.Sql;

/// <summary>The <c>channels</c> row: columns (aliased <c>c</c>), reader and binder.</summary>
internal static class ChannelRows
{
    public const string Columns = """
        c.project, c.location, c.channel_id, c.kind, c.display_name, c.webhook_url_source, c.webhook_url,
        c.secret_source, c.secret, c.create_time, c.update_time
        """;

    public static TCommand BindChannel<TCommand>(this TCommand command, Channel channel, SqlDialect dialect)
        where TCommand : DbCommand => command
        .With("@name", channel.Name.FullName)
        .With("@project", channel.Name.Project)
        .With("@location", channel.Name.Location)
        .With("@channelId", channel.Name.ChannelId)
        .With("@kind", (int)channel.Kind)
        .With("@displayName", channel.DisplayName)
        .With("@urlSource", (int)channel.WebhookUrl.Source)
        .With("@url", channel.WebhookUrl.Value)
        .With("@secretSource", channel.SigningSecret is { } secret ? (int)secret.Source : null)
        .With("@secret", channel.SigningSecret?.Value)
        .With("@createTime", dialect.Instant(channel.CreateTime))
        .With("@updateTime", dialect.Instant(channel.UpdateTime));

    public static Channel Read(DbDataReader reader, SqlDialect dialect) => new()
    {
        Name = new ChannelName(reader.GetString(0), reader.GetString(1), reader.GetString(2)),
        Kind = (ChannelKind)reader.GetInt32(3),
        DisplayName = reader.GetString(4),
        WebhookUrl = new ChannelSecret((SecretSource)reader.GetInt32(5), reader.GetString(6)),
        SigningSecret = reader.IsDBNull(7) ? null : new ChannelSecret((SecretSource)reader.GetInt32(7), reader.GetString(8)),
        CreateTime = dialect.ReadInstant(reader, 9),
        UpdateTime = dialect.ReadInstant(reader, 10),
    };
}
