using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
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

    /// <summary>
    /// Runs a call that sent fields set by flags; a refusal naming one of those fields (the validator's
    /// <c>field: reason</c>) is reworded to name the flag first, as gcloud's argument errors do:
    /// <c>--max-retry-attempts: must be between 0 and 5, got 9 (retryConfig.retryCount)</c>.
    /// </summary>
    private static async Task<JsonNode> NamingFlagsAsync(Task<JsonNode> call, IReadOnlyDictionary<string, string> flagsByField)
    {
        try
        {
            return await call.ConfigureAwait(false);
        }
        catch (BelfryApiException e) when (e.Status == "INVALID_ARGUMENT" && NamingFlag(e.Message, flagsByField) is { } message)
        {
            throw new BelfryApiException(e.HttpStatus, e.Status, message);
        }
    }

    /// <summary><paramref name="message"/> with the flag of the field it starts with first, or null when it names no such field.</summary>
    private static string? NamingFlag(string message, IReadOnlyDictionary<string, string> flagsByField)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(flagsByField);
        var colon = message.IndexOf(": ", StringComparison.Ordinal);
        if (colon <= 0 || !flagsByField.TryGetValue(message[..colon], out var flag))
        {
            return null;
        }

        var reason = message[(colon + 2)..].TrimEnd().TrimEnd('.');
        return $"{flag}: {reason} ({message[..colon]})";
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
