using Belfry.Contracts.Common;
using Belfry.Contracts.Serialization;
using Belfry.Core.Storage;

namespace Belfry.Server.Api;

/// <summary>Turns refusals into the Cloud Scheduler error shape <c>{"error":{code,message,status}}</c>.</summary>
internal sealed class ApiErrorMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (ApiException e)
        {
            await WriteAsync(context, e.HttpCode, e.Status, e.Message).ConfigureAwait(false);
        }
        catch (JobNotFoundException e)
        {
            await WriteAsync(context, 404, "NOT_FOUND", e.Message).ConfigureAwait(false);
        }
        catch (ResourceAlreadyExistsException e)
        {
            await WriteAsync(context, 409, "ALREADY_EXISTS", e.Message).ConfigureAwait(false);
        }
        catch (InvalidPageTokenException e)
        {
            await WriteAsync(context, 400, "INVALID_ARGUMENT", e.Message).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await WriteAsync(context, 400, "INVALID_ARGUMENT", "The request body exceeds the 1 MB limit of a job.").ConfigureAwait(false);
        }
    }

    public static Task WriteAsync(HttpContext context, int code, string status, string message)
    {
        context.Response.Clear();
        context.Response.StatusCode = code;
        var body = new ErrorResponse { Error = new ErrorBody { Code = code, Message = message, Status = status } };
        return context.Response.WriteAsJsonAsync(body, BelfryJsonContext.Default.ErrorResponse);
    }
}
