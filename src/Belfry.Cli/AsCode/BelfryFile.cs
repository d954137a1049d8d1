using Belfry.Core.Jobs;

namespace Belfry.Cli.AsCode;

/// <summary>
/// A parsed <c>belfry.yaml</c>: the project/location pairs it manages (what <c>--prune</c> may delete in) and the
/// resources it declares, in file order.
/// </summary>
internal sealed record BelfryFile(string Path, IReadOnlyList<LocationName> Locations, IReadOnlyList<DeclaredResource> Resources);
