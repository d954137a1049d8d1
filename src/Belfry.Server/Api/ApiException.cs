namespace Belfry.Server.Api;

/// <summary>A request the API refuses: the HTTP code, the gRPC status name, and a message naming the field.</summary>
internal sealed class ApiException(int httpCode, string status, string message) : Exception(message)
{
    public int HttpCode { get; } = httpCode;

    public string Status { get; } = status;

    public static ApiException InvalidArgument(string message) => new(400, "INVALID_ARGUMENT", message);

    public static ApiException FailedPrecondition(string message) => new(400, "FAILED_PRECONDITION", message);

    public static ApiException NotFound(string message) => new(404, "NOT_FOUND", message);

    public static ApiException AlreadyExists(string message) => new(409, "ALREADY_EXISTS", message);

    public static ApiException Aborted(string message) => new(409, "ABORTED", message);
}
