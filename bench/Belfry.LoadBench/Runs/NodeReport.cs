using Belfry.LoadBench.Peers.Postgres;

namespace Belfry.LoadBench.Runs;

/// <summary>What a further node process (<see cref="NodeRunner"/>) reports when stopped: its own figures, since its mark.</summary>
internal sealed record NodeReport(double CpuSeconds, double PeakRssMb, double AllocatedMb, double GcPauseMs, WorkCount Sent);
