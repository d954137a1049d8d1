using Npgsql;

namespace Belfry.Storage.Postgres.Tests;

/// <summary>A plain LISTEN on the feed's channel, to see the notifications themselves rather than the changes they carry.</summary>
internal sealed class RawChangeListener : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly List<string> _payloads = [];

    private RawChangeListener(NpgsqlConnection connection)
    {
        _connection = connection;
        _connection.Notification += (_, e) => _payloads.Add(e.Payload);
    }

    public static async Task<RawChangeListener> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var listen = new NpgsqlCommand($"LISTEN {PostgresStoreChanges.Channel}", connection);
        await listen.ExecuteNonQueryAsync(cancellationToken);
        return new RawChangeListener(connection);
    }

    /// <summary>The payloads received, once together they carry <paramref name="changes"/> changes.</summary>
    public async Task<List<string>> WaitForChangesAsync(int changes, CancellationToken cancellationToken)
    {
        while (_payloads.Sum(p => StoreChangePayload.Decode(p, DateTimeOffset.UnixEpoch)?.Changes.Count ?? 0) < changes)
        {
            await _connection.WaitAsync(cancellationToken);
        }

        return [.. _payloads];
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
