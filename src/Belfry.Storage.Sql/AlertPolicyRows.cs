using System.Data.Common;
using Belfry.Core.Alerts;

namespace Belfry.Storage.Sql;

/// <summary>The <c>alert_policies</c> row: columns (aliased <c>p</c>), reader and binder.</summary>
internal static class AlertPolicyRows
{
    public const string Columns = """
        p.project, p.location, p.policy_id, p.display_name, p.failures, p.window_ticks, p.rate_limit_ticks,
        p.channels_json, p.jobs_json, p.enabled, p.create_time, p.update_time, p.firing, p.firing_since, p.last_notify_time, p.condition_time
        """;

    /// <summary>Binds the definition (not the status).</summary>
    public static TCommand BindPolicy<TCommand>(this TCommand command, AlertPolicy policy, SqlDialect dialect)
        where TCommand : DbCommand => command
        .With("@name", policy.Name.FullName)
        .With("@project", policy.Name.Project)
        .With("@location", policy.Name.Location)
        .With("@policyId", policy.Name.PolicyId)
        .With("@displayName", policy.DisplayName)
        .With("@failures", policy.Failures)
        .With("@window", policy.Window.Ticks)
        .With("@rateLimit", policy.RateLimit.Ticks)
        .With("@channels", NotifyJson.WriteStrings(policy.Channels))
        .With("@jobs", NotifyJson.WriteStrings(policy.Jobs))
        .With("@enabled", policy.Enabled)
        .With("@createTime", dialect.Instant(policy.CreateTime))
        .With("@updateTime", dialect.Instant(policy.UpdateTime))
        .With("@conditionTime", dialect.Instant(policy.ConditionTime));

    public static AlertPolicy Read(DbDataReader reader, SqlDialect dialect) => new()
    {
        Name = new AlertPolicyName(reader.GetString(0), reader.GetString(1), reader.GetString(2)),
        DisplayName = reader.GetString(3),
        Failures = reader.GetInt32(4),
        Window = SqlValues.ReadDuration(reader, 5),
        RateLimit = SqlValues.ReadDuration(reader, 6),
        Channels = NotifyJson.ReadStrings(reader.GetString(7)),
        Jobs = NotifyJson.ReadStrings(reader.GetString(8)),
        Enabled = reader.GetBoolean(9),
        CreateTime = dialect.ReadInstant(reader, 10),
        UpdateTime = dialect.ReadInstant(reader, 11),
        Status = new AlertPolicyStatus(reader.GetBoolean(12), dialect.ReadNullableInstant(reader, 13), dialect.ReadNullableInstant(reader, 14)),
        ConditionTime = dialect.ReadInstant(reader, 15),
    };
}
