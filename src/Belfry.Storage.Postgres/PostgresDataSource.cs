using Microsoft.Extensions.Logging;
using Npgsql;

namespace Belfry.Storage.Postgres;

/// <summary>The one connection pool a node's PostgreSQL store uses, built from the <c>--store</c> value.</summary>
internal static class PostgresDataSource
{
    /// <summary>
    /// A data source for <paramref name="connectionString"/> (<see cref="PostgresConnectionString.Parse"/>). Statements run
    /// for every delivery are prepared on the server after a few uses (Npgsql's automatic preparation) unless the
    /// connection string sets its own limit; multiplexing stays off, since the change feed's LISTEN needs a connection
    /// of its own.
    /// </summary>
    public static NpgsqlDataSource Create(string connectionString, ILoggerFactory? loggerFactory = null)
    {
        var settings = PostgresConnectionString.Parse(connectionString);
        if (settings.MaxAutoPrepare == 0)
        {
            settings.MaxAutoPrepare = 64;
        }

        settings.Multiplexing = false;
        var builder = new NpgsqlDataSourceBuilder(settings.ConnectionString);
        if (loggerFactory is not null)
        {
            builder.UseLoggerFactory(loggerFactory);
        }

        return builder.Build();
    }
}
