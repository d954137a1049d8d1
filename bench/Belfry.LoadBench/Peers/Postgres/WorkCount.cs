namespace Belfry.LoadBench.Peers.Postgres;

/// <summary>
/// What one process of a system sent so far (<see cref="WorkCounters"/>): HTTP POSTs, i.e. deliveries once
/// registration is over, and Npgsql operations, i.e. round trips to PostgreSQL (a batch is one).
/// </summary>
internal readonly record struct WorkCount(long Deliveries, long Operations)
{
    public static WorkCount operator +(WorkCount left, WorkCount right) => new(left.Deliveries + right.Deliveries, left.Operations + right.Operations);

    public static WorkCount operator -(WorkCount left, WorkCount right) => new(left.Deliveries - right.Deliveries, left.Operations - right.Operations);
}
