namespace Belfry.LoadBench.Peers.Postgres;

/// <summary>Two of the server's counters that move at once with its work: the last transaction id assigned and the WAL position (bytes).</summary>
internal readonly record struct ServerWork(long WriteTransactions, long WalBytes);
