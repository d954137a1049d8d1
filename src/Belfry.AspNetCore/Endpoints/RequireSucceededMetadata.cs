namespace Belfry.AspNetCore.Endpoints;

/// <summary>Jobs that must have succeeded for the same run key before this endpoint's job may run.</summary>
internal sealed record RequireSucceededMetadata(IReadOnlyList<string> JobNames);
