namespace Belfry.Cli.Http;

/// <summary>The server answered with an error envelope (or at least an error status).</summary>
internal sealed class BelfryApiException(int httpStatus, string status, string message) : Exception(message)
{
    public int HttpStatus { get; } = httpStatus;

    /// <summary>The gRPC status name: INVALID_ARGUMENT, NOT_FOUND, …</summary>
    public string Status { get; } = status;
}
