namespace Belfry.Storage.Sql;

/// <summary>Statements on <c>channels</c> that every dialect runs as they are.</summary>
internal static class ChannelSql
{
    public const string SelectByName = $"SELECT {ChannelRows.Columns} FROM channels c WHERE c.name = @name";

    public const string Delete = "DELETE FROM channels WHERE name = @name";

    /// <summary>A new channel; inserts nothing when the name is taken (bind with ChannelRows.BindChannel).</summary>
    public const string Insert = """
        INSERT INTO channels (name, project, location, channel_id, kind, display_name, webhook_url_source, webhook_url,
                              secret_source, secret, create_time, update_time)
        VALUES (@name, @project, @location, @channelId, @kind, @displayName, @urlSource, @url,
                @secretSource, @secret, @createTime, @updateTime)
        ON CONFLICT (name) DO NOTHING
        """;

    /// <summary>One page of a location's channels by id, after @after, @limit rows.</summary>
    public const string ListPage = $"""
        SELECT {ChannelRows.Columns} FROM channels c
        WHERE c.project = @project AND c.location = @location AND c.channel_id > @after
        ORDER BY c.channel_id
        LIMIT @limit
        """;

    /// <summary>Replaces the definition, not the create time.</summary>
    public const string Update = """
        UPDATE channels SET kind = @kind, display_name = @displayName, webhook_url_source = @urlSource,
            webhook_url = @url, secret_source = @secretSource, secret = @secret, update_time = @updateTime
        WHERE name = @name
        """;
}
