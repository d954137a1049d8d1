using Belfry.Core.Alerts;
using Microsoft.Data.Sqlite;

namespace Belfry.Storage.Sqlite;

/// <summary>The <c>alert_policies</c> row: columns (aliased <c>p</c>), reader and binder.</summary>
internal static class AlertPolicyRows
{
    public const string Columns = """
        p.project, p.location, p.policy_id, p.display_name, p.failures, p.window_ticks, p.rate_limit_ticks,
        p.channels_json, p.jobs_json, p.enabled, p.create_time, p.update_time, p.firing, p.firing_since, p.last_notify_time
        """;

    /// <summary>Binds the definition (not the status).</summary>
    public static SqliteCommand BindPolicy(this SqliteCommand command, AlertPolicy policy) => command
        .With("@name", policy.Name.FullName)
        .With("@project", policy.Name.Project)
        .With("@location", policy.Name.Location)
        .With("@policyId", policy.Name.PolicyId)
        .With("@displayName", policy.DisplayName)
        .With("@failures", policy.Failures)
        .With("@window", policy.Window.Ticks)
        .With("@rateLimit", policy.RateLimit.Ticks)
        .With("@channels", SqliteValues.JsonArray(policy.Channels))
        .With("@jobs", SqliteValues.JsonArray(policy.Jobs))
        .With("@enabled", policy.Enabled)
        .With("@createTime", SqliteValues.Instant(policy.CreateTime))
        .With("@updateTime", SqliteValues.Instant(policy.UpdateTime));

    public static AlertPolicy Read(SqliteDataReader reader) => new()
    {
        Name = new AlertPolicyName(reader.GetString(0), reader.GetString(1), reader.GetString(2)),
        DisplayName = reader.GetString(3),
        Failures = reader.GetInt32(4),
        Window = SqliteValues.ReadDuration(reader, 5),
        RateLimit = SqliteValues.ReadDuration(reader, 6),
        Channels = NotifyJson.ReadStrings(reader.GetString(7)),
        Jobs = NotifyJson.ReadStrings(reader.GetString(8)),
        Enabled = reader.GetBoolean(9),
        CreateTime = SqliteValues.ReadInstant(reader, 10),
        UpdateTime = SqliteValues.ReadInstant(reader, 11),
        Status = new AlertPolicyStatus(reader.GetBoolean(12), SqliteValues.ReadNullableInstant(reader, 13), SqliteValues.ReadNullableInstant(reader, 14)),
    };
}
