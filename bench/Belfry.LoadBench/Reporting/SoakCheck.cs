namespace Belfry.LoadBench.Reporting;

/// <summary>One of the soak's end checks: its name, whether it held, and the figures behind it.</summary>
internal sealed record SoakCheck(string Name, bool Passed, string Detail);
