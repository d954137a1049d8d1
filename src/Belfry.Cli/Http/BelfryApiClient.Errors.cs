using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Belfry.Contracts.Common;
using Belfry.Contracts.Serialization;

namespace Belfry.Cli.Http;

/// <summary>How a failed call reads: a connection failure's reason, or the server's error envelope as an exception.</summary>
internal sealed partial class BelfryApiClient
{
    private static string Reason(HttpRequestException e) => e switch
    {
        { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused } } => "connection refused",
        { HttpRequestError: HttpRequestError.NameResolutionError } => "the host name does not resolve",
        _ => e.Message,
    };

    private static BelfryApiException ToApiException(HttpStatusCode statusCode, string text)
    {
        ErrorBody? error = null;
        try
        {
            error = JsonSerializer.Deserialize(text, BelfryJsonContext.Lenient.ErrorResponse)?.Error;
        }
        catch (JsonException)
        {
            // Not our envelope (a proxy's HTML page, say); fall back to the status line below.
        }

        var code = (int)statusCode;
        var message = error?.Message ?? (string.IsNullOrWhiteSpace(text) ? statusCode.ToString() : Truncate(text.Trim()));
        return new BelfryApiException(code, error?.Status ?? StatusName(code), message);
    }

    private static string Truncate(string text) => text.Length <= 500 ? text : string.Concat(text.AsSpan(0, 500), "…");

    private static string StatusName(int code) => code switch
    {
        400 => "INVALID_ARGUMENT",
        401 => "UNAUTHENTICATED",
        403 => "PERMISSION_DENIED",
        404 => "NOT_FOUND",
        409 => "ALREADY_EXISTS",
        429 => "RESOURCE_EXHAUSTED",
        501 => "UNIMPLEMENTED",
        503 => "UNAVAILABLE",
        504 => "DEADLINE_EXCEEDED",
        _ when code >= 500 => "INTERNAL",
        _ => "UNKNOWN",
    };
}
