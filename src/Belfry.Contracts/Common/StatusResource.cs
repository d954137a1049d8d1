namespace Belfry.Contracts.Common;

/// <summary>A google.rpc.Status: gRPC code (0 = OK) and message.</summary>
public sealed class StatusResource
{
    /// <summary>gRPC status code.</summary>
    public int Code { get; set; }

    /// <summary>Developer-facing message.</summary>
    public string? Message { get; set; }
}
