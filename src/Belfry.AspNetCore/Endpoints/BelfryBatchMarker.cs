namespace Belfry.AspNetCore.Endpoints;

/// <summary>Registered by <c>AddBelfryBatch</c>, so <c>MapBatchJob</c> can say clearly when it was forgotten.</summary>
internal sealed class BelfryBatchMarker;
