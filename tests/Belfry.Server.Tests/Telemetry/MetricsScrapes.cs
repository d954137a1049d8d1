namespace Belfry.Server.Tests.Telemetry;

/// <summary>
/// Scrapes run alone: the SDK listens to every Meter named Belfry in the process, so a server another test class runs
/// meanwhile would add its own series (and a second value for each gauge) to this server's <c>/metrics</c>. Belfry
/// serves one host per process; only tests have several.
/// </summary>
[CollectionDefinition(nameof(MetricsScrapes), DisableParallelization = true)]
public sealed class MetricsScrapes;
