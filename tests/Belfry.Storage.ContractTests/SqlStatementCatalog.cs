using System.Reflection;
using Belfry.Storage.Sql;

namespace Belfry.Storage.ContractTests;

/// <summary>
/// Every statement a SQL store runs, found by reflection so a new one cannot be missed: each statement constant of the
/// per-aggregate classes, and each statement a dialect's <see cref="SqlStatements"/> built. Each dialect's test project
/// compiles them all against its migrated schema.
/// </summary>
internal static class SqlStatementCatalog
{
    private static readonly Type[] StatementClasses =
    [
        typeof(JobSql), typeof(DispatchSql), typeof(ExecutionSql), typeof(PipelineSql), typeof(PipelineRunSql),
        typeof(MissedRunSql), typeof(ChannelSql), typeof(AlertPolicySql), typeof(SigningKeySql), typeof(OutboxSql), typeof(NodeSql), typeof(LocationSql),
    ];

    public static IEnumerable<(string Name, string Sql)> All(SqlStatements statements)
    {
        foreach (var type in StatementClasses)
        {
            // Columns is a column list, not a statement.
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && f.Name != "Columns"))
            {
                yield return ($"{type.Name}.{field.Name}", (string)field.GetRawConstantValue()!);
            }
        }

        foreach (var aggregate in typeof(SqlStatements).GetProperties())
        {
            var instance = aggregate.GetValue(statements)!;
            foreach (var property in instance.GetType().GetProperties().Where(p => p.PropertyType == typeof(string)))
            {
                yield return ($"{aggregate.Name}.{property.Name}", (string)property.GetValue(instance)!);
            }
        }
    }
}
