namespace Belfry.Contracts.Common;

/// <summary>HTTP code, message, and the gRPC status name (INVALID_ARGUMENT, NOT_FOUND, …).</summary>
public sealed class ErrorBody
{
    /// <summary>HTTP status code.</summary>
    public int Code { get; set; }

    /// <summary>What went wrong, naming the field at fault.</summary>
    public string? Message { get; set; }

    /// <summary>gRPC status name.</summary>
    public string? Status { get; set; }
}
