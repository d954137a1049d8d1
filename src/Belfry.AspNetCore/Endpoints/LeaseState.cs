namespace Belfry.AspNetCore.Endpoints;

/// <summary>Where a running claim's lease stands, as <see cref="LeaseKeeper"/> last saw it.</summary>
internal enum LeaseState
{
    /// <summary>Renewed in time (or not yet due): the run is ours and its result may be recorded.</summary>
    Held,

    /// <summary>A renewal found the claim superseded: a newer attempt owns the run (its epoch moved).</summary>
    TakenOver,

    /// <summary>No renewal succeeded before the lease's safety margin: the run may be claimed by a retry at any moment.</summary>
    Expired,
}
