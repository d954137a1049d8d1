namespace Belfry.Storage.Sql;

/// <summary>Statements on <c>notification_outbox</c> that every dialect runs as they are.</summary>
internal static class OutboxSql
{
    /// <summary>One event for one channel, Pending and due at @now.</summary>
    public const string Insert = """
        INSERT INTO notification_outbox (id, channel_name, event_kind, event_json, state, create_time, attempt_count, next_attempt_time)
        VALUES (@id, @channel, @kind, @json, 0 /* Pending */, @now, 0, @now)
        """;
}
