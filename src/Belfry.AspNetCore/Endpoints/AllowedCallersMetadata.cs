namespace Belfry.AspNetCore.Endpoints;

/// <summary>The callers (emails or subjects) allowed on one endpoint, replacing <see cref="BelfryBatchOptions.AllowedCallers"/>.</summary>
internal sealed record AllowedCallersMetadata(IReadOnlyList<string> Callers);
