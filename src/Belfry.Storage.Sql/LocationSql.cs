namespace Belfry.Storage.Sql;

/// <summary>Statements on locations, which are not a table: the locations the resource tables name.</summary>
internal static class LocationSql
{
    /// <summary>
    /// @project's locations holding a job (a step job lives in its pipeline's location), pipeline, channel or alert
    /// policy; UNION drops the repeats. Both engines order the location columns bytewise (PostgreSQL's COLLATE "C").
    /// </summary>
    public const string InUse = """
        SELECT location FROM jobs WHERE project = @project
        UNION SELECT location FROM pipelines WHERE project = @project
        UNION SELECT location FROM channels WHERE project = @project
        UNION SELECT location FROM alert_policies WHERE project = @project
        ORDER BY location
        """;
}
