using Microsoft.AspNetCore.Http;

namespace Belfry.AspNetCore.Endpoints;

/// <summary>Writes a <see cref="BatchResponse"/> with its status code; answers are never cached.</summary>
internal static class BatchResponses
{
    public static Task WriteAsync(HttpContext context, int statusCode, BatchResponse body)
    {
        BatchActivities.Answered(statusCode, body);
        context.Response.StatusCode = statusCode;
        context.Response.Headers.CacheControl = "no-store";
        if (statusCode == StatusCodes.Status401Unauthorized)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        }

        // The run's outcome is already recorded; a caller that went away does not get to cancel the answer's write.
        return context.Response.WriteAsJsonAsync(body, BatchJsonContext.Default.BatchResponse, contentType: null, CancellationToken.None);
    }
}
