using Belfry.Core.Executions;
using Belfry.Core.Jobs;
using Microsoft.Data.Sqlite;

namespace Belfry.Storage.Sqlite;

/// <summary>
/// The one SQLite-only row piece: a new execution's INSERT as a prepared <see cref="SqliteStatement"/>, which planning
/// and claims run per row (bench/README.md, "What limits Belfry"). The shared <see cref="ExecutionRows"/> hold the rest.
/// </summary>
internal static class SqliteExecutionRows
{
    private const string InsertSql = $"INSERT INTO executions ({ExecutionRows.InsertColumns}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";

    extension(ExecutionRows)
    {
        public static string Insert => InsertSql;

        /// <summary>A prepared INSERT of a new execution (<see cref="ExecutionRows.InsertColumns"/>); fill it with <see cref="SetInsertValues"/> and execute, per row.</summary>
        public static SqliteStatement PrepareInsert(SqliteConnection connection) => new(connection, InsertSql);

        /// <summary>
        /// Fills a <see cref="PrepareInsert"/> statement with an <see cref="ExecutionRows.New"/> execution, Running and
        /// leased until <paramref name="leaseUntil"/> when that is given, and returns the execution.
        /// </summary>
        public static Execution SetInsertValues(
            SqliteStatement insert, JobName job, DateTimeOffset scheduleTime, ExecutionTrigger trigger, ExecutionState state,
            DateTimeOffset now, DateTimeOffset? nextAttemptTime, DateTimeOffset? leaseUntil = null)
        {
            ArgumentNullException.ThrowIfNull(insert);
            var execution = ExecutionRows.New(job, scheduleTime, trigger, state, now, nextAttemptTime, leased: leaseUntil is not null);
            insert
                .Bind(1, execution.Id)
                .Bind(2, job.FullName)
                .Bind(3, scheduleTime.UtcTicks)
                .Bind(4, (int)trigger)
                .Bind(5, (int)state)
                .Bind(6, now.UtcTicks)
                .Bind(7, nextAttemptTime?.UtcTicks)
                .Bind(8, execution.FinishTime?.UtcTicks)
                .Bind(9, execution.AttemptCount)
                .Bind(10, execution.Epoch)
                .Bind(11, leaseUntil?.UtcTicks);
            return execution;
        }
    }
}
