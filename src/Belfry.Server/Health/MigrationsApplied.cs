using Belfry.Core.Storage;

namespace Belfry.Server.Health;

/// <summary>
/// <c>/readyz</c>'s "migrations done" (issue 15): the store opened, which applies every pending migration first (under
/// PostgreSQL's advisory lock, so a node that starts while another migrates waits here).
/// </summary>
internal sealed class MigrationsApplied(IStoreProbe probe) : IReadinessCheck
{
    public string Name => "migrations";

    public ValueTask<string?> FindProblemAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(probe.IsOpen ? null : "the store's migrations have not been applied yet");
}
