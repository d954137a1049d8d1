namespace Belfry.EndToEnd.Tests.Chaos;

/// <summary>
/// Chaos runs one at a time and apart from every other test: each keeps 200 jobs a second going on a 2-core machine
/// for a minute, and a busy neighbour would turn its timing into noise.
/// </summary>
[CollectionDefinition(nameof(ChaosRuns), DisableParallelization = true)]
public sealed class ChaosRuns;
