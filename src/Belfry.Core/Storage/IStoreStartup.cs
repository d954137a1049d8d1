namespace Belfry.Core.Storage;

/// <summary>
/// Opens the store before anything uses it: takes its lock, applies migrations, expires a dead predecessor's leases.
/// Opens once; every later call answers the first call's outcome, so a host may check early and its start-up service
/// still run. Throws <see cref="StoreLockedException"/> when another server owns the store.
/// </summary>
internal interface IStoreStartup
{
    Task OpenAsync(CancellationToken cancellationToken);
}
