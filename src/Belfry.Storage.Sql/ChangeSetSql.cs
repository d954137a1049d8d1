namespace Belfry.Storage.Sql;

/// <summary>
/// The update time a change set's guard compares, per table (jobs as code, issue 17). A pipeline's step jobs live in
/// <c>jobs</c> under keys no user's job can take, so reading a job by name never finds one.
/// </summary>
internal static class ChangeSetSql
{
    public const string JobUpdateTime = "SELECT user_update_time FROM jobs WHERE name = @name AND pipeline_name IS NULL";

    public const string PipelineUpdateTime = "SELECT user_update_time FROM pipelines WHERE name = @name";

    public const string ChannelUpdateTime = "SELECT update_time FROM channels WHERE name = @name";

    public const string AlertPolicyUpdateTime = "SELECT update_time FROM alert_policies WHERE name = @name";
}
